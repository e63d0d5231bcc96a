import type { ColumnType, Generated } from 'kysely';
import type {
  HotlineLine,
  RecipientRole,
  ReportChannel as Channel,
  StatutoryRecipientRole,
} from '../../contract/reports/vocabulary.js';
// The row types of reports live in core (cases reads them); the reports feature writes them.
import '../../core/tables/reports.js';
import type { RecipientAction, RecipientStatus } from './rules.js';

export { hotlineLines, recipientRoles, reportChannels as channels } from '../../contract/reports/vocabulary.js';
export type { Channel, HotlineLine, RecipientRole, StatutoryRecipientRole };
export type { ReporterIdentity, ReportRecipientsTable, ReportsTable } from '../../core/tables/reports.js';

/** The append-only log of a receiver's copy (0058), written by the workflow engine. */
export interface ReportRecipientActionsTable {
  id: Generated<string>;
  recipient_id: string;
  seq: number;
  type: RecipientAction;
  status_after: RecipientStatus;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  accountable_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    report_recipient_actions: ReportRecipientActionsTable;
  }
}
