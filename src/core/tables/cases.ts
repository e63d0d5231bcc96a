import type { ColumnType, Generated } from 'kysely';
import type { ActionType, CaseStatus } from '../../contract/cases/vocabulary.js';

/*
 * A case as every feature reads it: the row types of `cases`, its action log and its
 * organisations. The cases feature writes them (through core/workflow and its use cases in
 * features/cases/service.ts); the types live here because reports, clocks and the workflow
 * features that hang off a case read them.
 */

export interface CasesTable {
  id: Generated<string>;
  case_no: string;
  serial: ColumnType<string, number | undefined, never>;
  child_id: string;
  division_code: string;
  lead_org_id: string;
  manager_user_id: string | null;
  /** Sequence number of the last action: the case's version. */
  seq: ColumnType<number, number | undefined, number>;
  opened_at: ColumnType<Date, Date | string, never>;
  opened_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface CaseActionsTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  type: ActionType;
  status_after: CaseStatus;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  /** The person answerable (the token's owner for an API token); null on rows before migration 0026. */
  accountable_user_id: ColumnType<string | null, string | null | undefined, never>;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CaseOrganisationsTable {
  case_id: string;
  organisation_id: string;
  role: 'lead' | 'participant';
  added_at: ColumnType<Date, Date | string | undefined, never>;
  /** Set when the organisation stops working the case (its placement moved elsewhere). */
  left_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    cases: CasesTable;
    case_actions: CaseActionsTable;
    case_organisations: CaseOrganisationsTable;
  }
}
