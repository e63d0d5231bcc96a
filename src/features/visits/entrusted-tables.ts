import type { ColumnType, Generated } from 'kysely';
import type { CarerCapacity } from '../../contract/visits/entrusted-care.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Migration 0115: a left-behind child's entrusted care (委托照护), one current per child. */
export interface EntrustedCareTable {
  id: Generated<string>;
  child_id: string;
  carer_name: string;
  carer_relation: string;
  carer_phone: string | null;
  capacity: CarerCapacity;
  capacity_note: string | null;
  started_on: string;
  notice_school_on: string | null;
  notice_village_on: string | null;
  ended_on: string | null;
  ended_reason: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Migration 0115: the parents' contacts with the child (append-only). */
export interface EntrustedCareContactsTable {
  id: Generated<string>;
  care_id: string;
  child_id: string;
  contacted_on: string;
  parent: 'father' | 'mother' | 'both';
  channel: 'phone' | 'video' | 'in_person' | 'other';
  note: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    entrusted_care: EntrustedCareTable;
    entrusted_care_contacts: EntrustedCareContactsTable;
  }
}
