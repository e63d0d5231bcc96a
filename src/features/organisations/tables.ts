import type { ColumnType, Generated } from 'kysely';

export interface OrganisationContact {
  name: string;
  role?: string;
  phone?: string;
  email?: string;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  short_name: string | null;
  kind: string;
  division_code: string;
  parent_id: string | null;
  contacts: ColumnType<OrganisationContact[], string | undefined, string>;
  services: ColumnType<string[], string[] | undefined, string[]>;
  bed_capacity: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LeadAgenciesTable {
  division_code: string;
  organisation_id: string;
  valid_from: ColumnType<string, string | undefined, string>;
  valid_to: string | null;
  note: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    organisations: OrganisationsTable;
    lead_agencies: LeadAgenciesTable;
  }
}
