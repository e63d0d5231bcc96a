import { sql } from 'kysely';
import type { ReferralWaiting } from '../../contract/referrals/views.js';
import { openReferralStatuses, type ReferralStatus } from '../../contract/referrals/vocabulary.js';
import type { InboxContribution, InboxContext } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import '../../core/clocks/tables.js';
import { referralVisibleTo } from './access.js';
import './tables.js';

const limit = 50;
/** Clocks read per step: most belong to an open referral I may see, so one step usually fills the list. */
const clockPage = 100;

/** Open referrals sent to my organisation, as the inbox lists them. */
function waitingFor({ db, actor }: InboxContext, organisationId: string) {
  return db
    .selectFrom('referrals')
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .innerJoin('children', 'children.id', 'referrals.child_id')
    .innerJoin('organisations as sender', 'sender.id', 'referrals.from_org_id')
    .select([
      'referrals.id',
      'referrals.service',
      'last.status_after',
      'children.name as child_name',
      'sender.name as from_name',
    ])
    .where('referrals.to_org_id', '=', organisationId)
    .where('last.status_after', 'in', [...openReferralStatuses])
    .where(referralVisibleTo(actor));
}

/**
 * The open referrals whose running clock my organisation owns, soonest due first. The clocks are
 * walked in `clocks_owner_open_idx` order a page at a time and only that page is joined: left to
 * itself the planner joins every open referral of a busy receiver (30,000 at 1M) and sorts them
 * (benchmark 11: 564 ms p95), misled by the open-status filter's estimate.
 */
async function soonestTimed(context: InboxContext, organisationId: string) {
  const found: Awaited<ReturnType<typeof timedPage>> = [];
  for (let after: { dueAt: Date; id: string } | undefined; found.length < limit; ) {
    const page = await context.db
      .selectFrom('clocks')
      .select(['clocks.id', 'clocks.subject_id', 'clocks.due_at'])
      .where('clocks.owner_org_id', '=', organisationId)
      .where('clocks.state', '=', 'running')
      .where('clocks.subject_type', '=', 'referral')
      .$if(after !== undefined, (q) =>
        q.where(({ eb, refTuple, tuple }) =>
          eb(refTuple('clocks.due_at', 'clocks.id'), '>', tuple(after!.dueAt, after!.id)),
        ),
      )
      .orderBy('clocks.due_at')
      .orderBy('clocks.id')
      .limit(clockPage)
      .execute();
    if (page.length === 0) break;
    const rows = await timedPage(
      context,
      organisationId,
      page.map((c) => c.subject_id),
    );
    const dueOf = new Map(page.map((c) => [c.subject_id, c.due_at]));
    found.push(...rows.map((r) => ({ ...r, due_at: dueOf.get(r.id) ?? r.due_at })));
    if (page.length < clockPage) break;
    const last = page.at(-1)!;
    after = { dueAt: last.due_at, id: last.id };
  }
  return found.sort((a, b) => a.due_at.getTime() - b.due_at.getTime()).slice(0, limit);
}

function timedPage(context: InboxContext, organisationId: string, referralIds: string[]) {
  return waitingFor(context, organisationId)
    .innerJoin('clocks', (join) =>
      join
        .onRef('clocks.subject_id', '=', sql.ref('referrals.id'))
        .on('clocks.subject_type', '=', 'referral')
        .on('clocks.state', '=', 'running')
        .on('clocks.owner_org_id', '=', organisationId),
    )
    .select('clocks.due_at')
    .where('referrals.id', 'in', referralIds)
    .execute();
}

/**
 * Referrals sent to my organisation that wait for its answer or its service, soonest due first.
 * An open referral's running clock (response, then completion) is owned by the receiver, so the
 * soonest come from the clocks my organisation owns (`clocks_owner_open_idx`), not from a walk over
 * every referral it ever received (benchmark 11); those without a running clock (paused) follow
 * when the list has room.
 */
export const referralsWaiting: InboxContribution<ReferralWaiting> = {
  section: 'referrals',
  async collect(context) {
    const { actor, now } = context;
    if (!actor.organisationId || !hasPermission(actor, 'referrals.read')) return [];
    const timed = await soonestTimed(context, actor.organisationId);
    const untimed =
      timed.length < limit
        ? await waitingFor(context, actor.organisationId)
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('clocks')
                    .select('clocks.id')
                    .whereRef('clocks.subject_id', '=', sql.ref('referrals.id'))
                    .where('clocks.subject_type', '=', 'referral')
                    .where('clocks.state', '=', 'running')
                    .where('clocks.owner_org_id', '=', actor.organisationId),
                ),
              ),
            )
            .orderBy('referrals.created_at')
            .limit(limit - timed.length)
            .execute()
        : [];
    return [...timed, ...untimed.map((r) => ({ ...r, due_at: null }))].map((r) => ({
      referralId: r.id,
      childName: r.child_name,
      fromOrganisation: r.from_name,
      service: r.service as ReferralWaiting['service'],
      status: r.status_after as ReferralStatus,
      dueAt: r.due_at ? r.due_at.toISOString() : null,
      overdue: r.due_at !== null && r.due_at < now,
    }));
  },
  isOverdue: (item) => item.overdue,
};
