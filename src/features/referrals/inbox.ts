import { sql } from 'kysely';
import type { ReferralWaiting } from '../../contract/referrals/views.js';
import { openReferralStatuses, type ReferralStatus } from '../../contract/referrals/vocabulary.js';
import type { InboxContribution, InboxContext } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import '../../core/clocks/tables.js';
import { referralVisibleTo } from './access.js';
import './tables.js';

const limit = 50;

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
    const timed = await waitingFor(context, actor.organisationId)
      .innerJoin('clocks', (join) =>
        join
          .onRef('clocks.subject_id', '=', sql.ref('referrals.id'))
          .on('clocks.subject_type', '=', 'referral')
          .on('clocks.state', '=', 'running')
          .on('clocks.owner_org_id', '=', actor.organisationId),
      )
      .select('clocks.due_at')
      .orderBy('clocks.due_at')
      .limit(limit)
      .execute();
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
