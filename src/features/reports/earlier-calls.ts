import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { EarlierCall } from '../../contract/reports/reading.js';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { reportVisibleTo } from './access.js';

type Db = Kysely<Database>;

/**
 * Hotline calls a hotline operator may know of by the caller's number: those they may open
 * (reportVisibleTo), and the calls their own hotline centre took (a colleague's call from the same
 * number is what the next operator must know). Only the reference, time, situations and stage
 * leave this rule; the narrative and the child stay behind the single read.
 */
export function earlierCallsVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'reports'>) =>
    eb.or([
      reportVisibleTo(actor)(eb),
      eb(
        'reports.created_by',
        'in',
        eb.selectFrom('users').select('users.id').where('users.organisation_id', '=', actor.organisationId),
      ),
    ]);
}

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** Earlier hotline calls from the number, newest first (at most ten); the look-up is audited without the number. */
export async function earlierCalls(db: Db, actor: Actor, phone: string): Promise<EarlierCall[]> {
  const digits = digitsOf(phone);
  if (digits.length < 7 || actor.organisationId === null) return [];
  const rows = await db
    .selectFrom('reports')
    .leftJoin('cases', 'cases.id', 'reports.case_id')
    .leftJoin('case_actions as last', (join) =>
      join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
    )
    .where(earlierCallsVisibleTo(actor))
    .where('reports.channel', '=', 'hotline')
    .where(sql<string>`regexp_replace(reports.reporter->>'phone', '[^0-9]', '', 'g')`, '=', digits)
    .select((eb) => [
      'reports.id',
      'reports.ref_no',
      'reports.reported_at',
      'reports.situations',
      'reports.immediate_danger',
      'last.status_after',
      sql<boolean>`coalesce(${reportVisibleTo(actor)(eb)}, false)`.as('readable'),
      eb
        .selectFrom('report_recipients as rr')
        .select(sql<number>`count(*) FILTER (WHERE rr.acknowledged_at IS NOT NULL)::int`.as('n'))
        .whereRef('rr.report_id', '=', 'reports.id')
        .as('acknowledged'),
    ])
    .orderBy('reports.reported_at', 'desc')
    .limit(10)
    .execute();
  await recordAudit(db, actor, {
    action: 'reports.earlier_calls',
    entityType: 'report',
    entityId: null,
    details: { found: rows.map((r) => r.ref_no) },
  });
  return rows.map((r) => {
    const caseStatus = r.status_after ?? null;
    return {
      id: r.id,
      refNo: r.ref_no,
      reportedAt: r.reported_at.toISOString(),
      situations: r.situations,
      immediateDanger: r.immediate_danger,
      progress: {
        stage:
          caseStatus === 'closed' ? 'closed' : caseStatus || (r.acknowledged ?? 0) > 0 ? 'in_progress' : 'received',
        caseStatus,
      },
      readable: r.readable,
    };
  });
}
