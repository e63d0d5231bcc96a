import type { FeatureWork } from '../my-work/workSection';
import { serviceLabel } from './referralsApi';

export const work: FeatureWork = {
  referrals: (item, t, language) => ({
    key: item.referralId,
    title: item.childName,
    detail: t('myWork.item.referral', {
      organisation: item.fromOrganisation,
      service: serviceLabel(item.service, language),
      status: t(`referrals.status.${item.status}`),
    }),
    to: '/referrals',
    dueAt: item.dueAt,
    overdue: item.overdue,
  }),
};
