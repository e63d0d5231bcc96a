import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Permission } from '../../platform/access/permissions.js';
import '../../core/tables/cases.js';
import './tables.js';

// The visibility rule itself is core's (src/core/scope/report-visibility.ts); this module is the
// reports feature's face of it: the permissions that open a report, and who sees the reporter.
export { type ReportAccessFacts, reportVisibleTo, reportVisibleToActor } from '../../core/scope/report-visibility.js';

/**
 * Reports follow the need-to-know of children's files (issue 12: analysts, auditors and system
 * administrators of a receiving organisation read reports). Three ways in, each with its permission:
 * - a receiver: the caller's organisation received the report and the caller works reports
 *   (`reports.receive`);
 * - a case worker: the report belongs to a case the caller's organisation works (and has not left)
 *   about a child in the caller's scope, and the caller reads cases (`cases.read`);
 * - the author: the caller made or took the report (`reports.submit`) — what they read back is
 *   what they wrote and where it went.
 * `reports.receive` and `cases.read` read children's data, so a second factor guards them.
 */
export const reportReadPermissions = [
  'reports.receive',
  'cases.read',
  'reports.submit',
] as const satisfies readonly Permission[];

/**
 * The reporter's identity: for the receivers the rule set names (police, civil affairs) when the
 * caller works reports, and for whoever made or took the report.
 */
export function seesReporter(
  actor: Actor,
  report: { reporterUserId: string | null; createdBy: string | null },
  myRecipient: { sees_reporter: boolean } | undefined,
): boolean {
  if (myRecipient?.sees_reporter && hasPermission(actor, 'reports.receive')) return true;
  return actor.userId !== null && (report.reporterUserId === actor.userId || report.createdBy === actor.userId);
}

/** Who acts on a receiver's copy of a report: the receiving organisation, and nobody else. */
export function recipientVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'report_recipients'>): Expression<SqlBool> =>
    actor.organisationId ? eb('report_recipients.organisation_id', '=', actor.organisationId) : sql<boolean>`false`;
}
