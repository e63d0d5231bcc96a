import type { EntrustedContactDue } from '../../contract/visits/entrusted-care.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import { entrustedDueFor } from './entrusted-views.js';

/** "Parents not heard from" in my work: entrusted cares whose weekly contact is due within 2 days or escalated to me. */
export const entrustedContactsDue: InboxContribution<EntrustedContactDue> = {
  section: 'entrustedContacts',
  async collect({ db, actor, now }) {
    if (!hasPermission(actor, 'children.read')) return [];
    return (await entrustedDueFor(db, actor, now, 2)).slice(0, 50);
  },
  isOverdue: (item) => item.overdue,
};
