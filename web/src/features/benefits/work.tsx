import { reviewCauseFact } from './reviewCause';
import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  benefitReviews: (item, t) => ({
    key: item.id,
    title: item.childName,
    detail: [
      item.applicationNo,
      t(`registry.category.${item.category}`, { defaultValue: item.category }),
      reviewCauseFact(item.cause, t),
    ].join(' · '),
    to: `/benefits/${item.applicationId}`,
    dueAt: item.dueAt,
    overdue: item.overdue,
  }),
};
