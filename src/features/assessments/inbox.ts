import type { GuardianshipMissing } from '../../contract/assessments/assessments.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import { guardianshipMissingFor } from './views.js';

/** "Guardianship missing" results for the county civil affairs to take up (report, consider revocation). */
export const guardianshipMissing: InboxContribution<GuardianshipMissing> = {
  section: 'guardianshipMissing',
  async collect({ db, actor, now }) {
    if (!hasPermission(actor, 'cases.act')) return [];
    return guardianshipMissingFor(db, actor, now);
  },
  isOverdue: (item) => item.overdue,
};
