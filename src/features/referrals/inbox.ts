import { sql } from 'kysely';
import type { ReferralWaiting } from '../../contract/referrals/views.js';
import type { ReferralStatus } from '../../contract/referrals/vocabulary.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import '../../core/clocks/tables.js';
import { referralVisibleTo } from './access.js';
import './tables.js';

const limit = 50;

/** Referrals sent to my organisation that wait for its answer or its service, soonest due first. */
export const referralsWaiting: InboxContribution<ReferralWaiting> = {
  section: 'referrals',
  async collect({ db, actor, now }) {
    if (!actor.organisationId || !hasPermission(actor, 'referrals.read')) return [];
    const rows = await db
      .selectFrom('referrals')
      .innerJoin('referral_actions as last', (join) =>
        join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
      )
      .innerJoin('children', 'children.id', 'referrals.child_id')
      .innerJoin('organisations as sender', 'sender.id', 'referrals.from_org_id')
      .leftJoin('clocks', (join) =>
        join
          .onRef('clocks.subject_id', '=', sql.ref('referrals.id'))
          .on('clocks.subject_type', '=', 'referral')
          .on('clocks.state', '=', 'running'),
      )
      .select([
        'referrals.id',
        'referrals.service',
        'last.status_after',
        'children.name as child_name',
        'sender.name as from_name',
        'clocks.due_at',
      ])
      .where('referrals.to_org_id', '=', actor.organisationId)
      .where('last.status_after', 'in', ['requested', 'accepted', 'in_progress'])
      .where(referralVisibleTo(actor))
      .orderBy(sql`clocks.due_at asc nulls last`)
      .limit(limit)
      .execute();
    return rows.map((r) => ({
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
