import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  society: (item, t) => ({
    key: item.id,
    title: item.label,
    detail: t(`myWork.item.${item.kind === 'volunteer_check' ? 'volunteerCheck' : 'guidanceSession'}`),
    to: '/charity',
    dueAt: item.dueOn,
    overdue: item.overdue,
  }),
};
