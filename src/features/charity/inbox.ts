import type { CharityWork } from '../../contract/charity/views.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { guidanceOrderVisibleTo } from './access.js';
import './tables.js';

const dayAfter = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Society's part of "my work": my volunteers whose safeguarding check expires within a month (or
 * has expired: they cannot be matched), and guidance-order sessions due within a week or overdue.
 */
export const charityWork: InboxContribution<CharityWork> = {
  section: 'society',
  async collect({ db, actor, now }) {
    const today = shanghaiDateOf(now);
    const items: CharityWork[] = [];
    if (actor.organisationId && hasPermission(actor, 'charity.manage')) {
      const volunteers = await db
        .selectFrom('volunteers')
        .select(['id', 'name', 'check_expires_on'])
        .where('organisation_id', '=', actor.organisationId)
        .where('check_expires_on', '<=', dayAfter(today, 30))
        .orderBy('check_expires_on')
        .limit(50)
        .execute();
      for (const v of volunteers)
        items.push({
          kind: 'volunteer_check',
          id: v.id,
          label: v.name,
          dueOn: String(v.check_expires_on),
          overdue: String(v.check_expires_on) <= today,
        });
    }
    if (hasPermission(actor, 'cases.act') || hasPermission(actor, 'projects.deliver')) {
      const sessions = await db
        .selectFrom('guidance_sessions')
        .innerJoin('guidance_orders', 'guidance_orders.id', 'guidance_sessions.order_id')
        .select([
          'guidance_orders.id',
          'guidance_orders.guardian',
          'guidance_sessions.number',
          'guidance_sessions.due_on',
        ])
        .where(guidanceOrderVisibleTo(actor))
        .where('guidance_sessions.held_on', 'is', null)
        .where('guidance_sessions.due_on', '<=', dayAfter(today, 7))
        .orderBy('guidance_sessions.due_on')
        .limit(50)
        .execute();
      for (const s of sessions)
        items.push({
          kind: 'guidance_session',
          id: s.id,
          label: `${s.guardian} #${s.number}`,
          dueOn: String(s.due_on),
          overdue: String(s.due_on) < today,
        });
    }
    return items;
  },
  isOverdue: (item) => item.overdue,
};
