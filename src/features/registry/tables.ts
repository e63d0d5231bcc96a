import type { ColumnType, Generated } from 'kysely';

export interface ChildrenTable {
  id: Generated<string>;
  name: string;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  residence_code: string;
  hukou_code: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ChildParticipationsTable {
  id: Generated<string>;
  child_id: string;
  organisation_id: string;
  basis: string;
  basis_id: string | null;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    children: ChildrenTable;
    child_participations: ChildParticipationsTable;
  }
}
