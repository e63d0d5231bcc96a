import type { Kysely } from 'kysely';
import type { ReportMask, ReportProgress } from '../../contract/reports/reading.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { maskAddress, maskPhone } from '../../platform/access/masking.js';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { ReportView } from './model.js';

/*
 * What one reader may see of a report they may open (reportVisibleTo let them in): the narrative,
 * the situations and the unknown child's description for every reader; the place and the callback
 * number in full only with `children.unmask` (the house rule of children's files) or to whoever
 * made or took the report; who reported only where `seesReporter` says so (decided in views.ts).
 */

type Db = Kysely<Database>;
type ReadView = Omit<ReportView, 'masked' | 'progress'>;

/** Whether the actor made or took the report: they read back what they wrote. */
export function isReportAuthor(actor: Actor, report: { reporter_user_id: string | null; created_by: string | null }) {
  return actor.userId !== null && (report.reporter_user_id === actor.userId || report.created_by === actor.userId);
}

/** The report masked for its reader, with where it stands. */
export async function reportForReader(db: Db, actor: Actor, view: ReadView, author: boolean): Promise<ReportView> {
  const unmasked = author || hasPermission(actor, 'children.unmask');
  const address = !unmasked && view.address !== null;
  const reporterPhone = !unmasked && Boolean(view.reporter?.phone);
  const masked: ReportMask = { address, reporterPhone, reporter: view.reporter === null };
  return {
    ...view,
    address: address ? maskAddress(view.address) : view.address,
    reporter:
      view.reporter && reporterPhone
        ? { ...view.reporter, phone: maskPhone(view.reporter.phone ?? null) }
        : view.reporter,
    masked,
    progress: await reportProgress(db, view),
  };
}

async function reportProgress(db: Db, view: ReadView): Promise<ReportProgress> {
  const acknowledgedCount = view.recipients.filter((r) => r.acknowledgedAt !== null).length;
  const last = view.caseId
    ? await db
        .selectFrom('cases')
        .where(systemScope('the case of a report reportVisibleTo let the reader open; only its status is read'))
        .innerJoin('case_actions as last', (join) =>
          join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
        )
        .select(['last.status_after', 'last.payload'])
        .where('cases.id', '=', view.caseId)
        .executeTakeFirst()
    : undefined;
  const caseStatus = last?.status_after ?? null;
  const closed = caseStatus === 'closed';
  const payload = (last?.payload ?? {}) as { outcome?: string };
  return {
    stage: closed ? 'closed' : caseStatus || acknowledgedCount > 0 ? 'in_progress' : 'received',
    acknowledgedCount,
    recipientCount: view.recipients.length,
    caseStatus,
    outcome: closed ? (payload.outcome ?? null) : null,
  };
}
