// The row types of cases live in core (other features read them); the cases feature writes them.
import '../../core/tables/cases.js';

export type { CaseActionsTable, CaseOrganisationsTable, CasesTable } from '../../core/tables/cases.js';

import type { ColumnType, Generated } from 'kysely';

/** Migration 0160: siblings' cases linked when opened together (one row per pair, smaller id first). */
export interface CaseLinksTable {
  id: Generated<string>;
  case_id: string;
  linked_case_id: string;
  kind: 'siblings';
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    case_links: CaseLinksTable;
  }
}
