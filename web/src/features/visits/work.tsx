import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  visitsDue: (item, t) => ({
    key: item.clockId,
    title: item.childName,
    detail: [
      item.lastVisitedOn ? t('myWork.item.lastVisited', { on: item.lastVisitedOn }) : t('myWork.item.neverVisited'),
      item.basis === 'escalated' ? t('myWork.item.escalatedToUs', { level: item.escalationLevel }) : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    to: `/visits/new/${item.childId}`,
    dueAt: item.dueAt,
    overdue: item.overdue,
  }),
};
