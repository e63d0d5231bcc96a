import { formatDate } from '../../app/format';
import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  supervisionFollowUps: (item, t) => ({
    key: item.clockId,
    title: item.followUp,
    detail: [
      t('grassroots.supervision.workDetail', { director: item.directorName, on: formatDate(item.checkedOn, t) }),
      item.basis === 'escalated' ? t('myWork.item.escalatedToUs', { level: item.escalationLevel }) : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    to: '/grassroots?tab=supervision',
    dueAt: item.dueAt,
    overdue: item.overdue,
  }),
};
