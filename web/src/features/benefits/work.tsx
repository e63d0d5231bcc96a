import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  benefitReviews: (item, t) => ({
    key: item.id,
    title: item.childName,
    detail: [
      item.applicationNo,
      t(`registry.category.${item.category}`, { defaultValue: item.category }),
      item.cause.fact === 'dibao_tekun'
        ? t(`benefits.review.cause.dibao_tekun_${item.cause.change === 'left' ? 'left' : 'entered'}`)
        : t(`rolls.kinds.${String(item.cause.fact)}`, { defaultValue: String(item.cause.fact ?? '') }),
    ].join(' · '),
    to: `/benefits/${item.applicationId}`,
    dueAt: item.dueAt,
    overdue: item.overdue,
  }),
};
