import { formatDate } from '../../app/format';
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
  entrustedContacts: (item, t) => ({
    key: item.clockId,
    title: item.childName,
    detail: [
      item.rule === 'entrusted.notice' ? t('grassroots.entrusted.rule.notice') : t('grassroots.entrusted.rule.contact'),
      t('grassroots.entrusted.carerShort', { name: item.carerName }),
      item.lastContactOn
        ? t('grassroots.entrusted.lastContact', { on: formatDate(item.lastContactOn, t) })
        : t('grassroots.entrusted.neverContacted'),
      item.basis === 'escalated' ? t('myWork.item.escalatedToUs', { level: item.escalationLevel }) : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    to: `/visits/entrusted/${item.childId}`,
    dueAt: item.dueAt,
    overdue: item.overdue,
  }),
};
