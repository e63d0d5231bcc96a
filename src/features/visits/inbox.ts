import type { VisitDue } from '../../contract/visits/visits.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import { visitsDueFor } from './views.js';

/** "Children due a visit" in my work: mine within a week, and those escalated to me; overdue first. */
export const visitsDue: InboxContribution<VisitDue> = {
  section: 'visitsDue',
  async collect({ db, actor, now }) {
    if (!hasPermission(actor, 'children.read')) return [];
    return (await visitsDueFor(db, actor, now, 7)).slice(0, 50);
  },
  isOverdue: (item) => item.overdue,
};
