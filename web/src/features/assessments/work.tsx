import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  guardianshipMissing: (item, t) => ({
    key: item.assessmentId,
    title: item.childName,
    detail: t('myWork.item.guardianshipMissing', { on: item.assessedOn, score: item.score }),
    to: `/assessments/child/${item.childId}`,
    dueAt: null,
    overdue: item.overdue,
  }),
};
