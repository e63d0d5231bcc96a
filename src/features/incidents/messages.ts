import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'incidents.entity': '侵害事件记录',
    'incidents.child_entity': '儿童档案',
    'incidents.case_entity': '个案',
    'incidents.needs_organisation': '只有所属单位的工作人员才能登记侵害事件。',
    'incidents.case_of_other_child': '所选个案不属于该儿童。',
    'incidents.in_future': '事件日期 {{occurredOn}} 晚于今天。',
    'incidents.child_or_case': '请指定儿童（childId）或个案（caseId）。',
    'incidents.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
  },
  en: {
    'incidents.entity': 'incident record',
    'incidents.child_entity': 'child',
    'incidents.case_entity': 'case',
    'incidents.needs_organisation': 'Only staff of an organisation can record an incident.',
    'incidents.case_of_other_child': 'The chosen case is not about this child.',
    'incidents.in_future': 'The incident date {{occurredOn}} is after today.',
    'incidents.child_or_case': 'Name the child (childId) or the case (caseId).',
    'incidents.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
  },
});
