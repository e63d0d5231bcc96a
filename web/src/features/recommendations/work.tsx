import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  recommendations: (item, t) => ({
    key: item.recommendationId,
    title: item.reference ?? t('myWork.item.recommendationUnnumbered'),
    detail:
      item.waitingFor === 'reply'
        ? t('myWork.item.recommendationReply', { organisation: item.otherOrganisation })
        : t('myWork.item.recommendationReview', { organisation: item.otherOrganisation }),
    to: `/recommendations/${item.recommendationId}`,
    dueAt: item.dueAt,
    overdue: item.overdue,
  }),
};
