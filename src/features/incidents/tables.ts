import type { ColumnType, Generated } from 'kysely';

export interface IncidentsTable {
  id: Generated<string>;
  child_id: string;
  case_id: string | null;
  harm_kind: string;
  occurred_on: ColumnType<string, string, never>;
  place: string;
  perpetrator_relation: string;
  child_role: string;
  description: string | null;
  recorded_by_user_id: string | null;
  recorded_by_org_id: string | null;
  recorded_label: string;
  recorded_at: ColumnType<Date, Date | string, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    incidents: IncidentsTable;
  }
}
