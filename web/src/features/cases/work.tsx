import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  planGoals: (item, t) => ({
    key: `${item.caseId}:${item.index}`,
    title: item.childName,
    detail: t('myWork.item.planGoal', { caseNo: item.caseNo, goal: item.goal }),
    to: `/cases/${item.caseId}`,
    dueAt: item.dueOn,
    overdue: item.overdue,
  }),
};
