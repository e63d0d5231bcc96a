import type { ActionItemWaiting } from '../../contract/joint-conference/views.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import './tables.js';

/** Joint-conference action items my department owns and has not finished, soonest due first. */
export const actionItemsOpen: InboxContribution<ActionItemWaiting> = {
  section: 'actionItems',
  async collect({ db, actor, now }) {
    if (!actor.organisationId || !hasPermission(actor, 'conference.act')) return [];
    const rows = await db
      .selectFrom('conference_action_items as a')
      .innerJoin('conference_meetings as m', 'm.id', 'a.meeting_id')
      .select(['a.id', 'a.meeting_id', 'm.title as meeting_title', 'a.title', 'a.due_on'])
      .where('a.owner_org_id', '=', actor.organisationId)
      .where('a.status', '=', 'open')
      .orderBy('a.due_on')
      .limit(50)
      .execute();
    const today = shanghaiDateOf(now);
    return rows.map((row) => ({
      actionItemId: row.id,
      meetingId: row.meeting_id,
      meetingTitle: row.meeting_title,
      title: row.title,
      dueOn: row.due_on,
      overdue: row.due_on < today,
    }));
  },
  isOverdue: (item) => item.overdue,
};
