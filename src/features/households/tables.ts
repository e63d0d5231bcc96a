import type { ColumnType, Generated } from 'kysely';
import type { HouseholdBasis } from '../../contract/households/households.js';
import '../../core/tables/children.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Migration 0094: a household of siblings (each keeps its own file). */
export interface HouseholdsTable {
  id: Generated<string>;
  residence_code: string;
  basis: HouseholdBasis;
  note: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Stamp;
  updated_at: Stamp;
}

/** A proposed link a person judged not to be one family: not proposed again. */
export interface HouseholdLinkDecisionsTable {
  id: Generated<string>;
  child_ids: string[];
  decision: 'declined';
  reason: string;
  decided_by: string | null;
  decided_at: Stamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    households: HouseholdsTable;
    household_link_decisions: HouseholdLinkDecisionsTable;
  }
}
