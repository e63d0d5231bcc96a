import type { FeatureWork } from '../my-work/workSection';
import { serviceLabel } from '../referrals/referralsApi';

export const work: FeatureWork = {
  caseServices: (item, t, language) => ({
    key: item.serviceId,
    title: item.childName,
    detail: t('myWork.item.caseService', { caseNo: item.caseNo, service: serviceLabel(item.service, language) }),
    to: `/cases/${item.caseId}`,
    dueAt: item.dueOn,
    overdue: item.overdue,
  }),
  leadTransfers: (item, t) => ({
    key: item.transferId,
    title: item.caseNo,
    detail: t('myWork.item.leadTransfer', { organisation: item.fromOrganisation }),
    to: `/cases/${item.caseId}`,
    dueAt: null,
    overdue: false,
  }),
};
