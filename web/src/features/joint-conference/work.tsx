import type { FeatureWork } from '../my-work/workSection';

export const work: FeatureWork = {
  actionItems: (item, t) => ({
    key: item.actionItemId,
    title: item.title,
    detail: t('myWork.item.meeting', { meeting: item.meetingTitle }),
    to: `/joint-conference/${item.meetingId}`,
    dueAt: item.dueOn,
    overdue: item.overdue,
  }),
};
