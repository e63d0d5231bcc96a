import { registerMessages } from '../../platform/i18n/translate.js';

const prefixed = (prefix: string, names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [`${prefix}${k}`, v]));

registerMessages({
  'zh-CN': {
    ...prefixed('recommendations.status.', {
      issued: '待回复',
      replied: '已回复待审查',
      closed: '已办结',
      withdrawn: '已撤回',
    }),
    ...prefixed('recommendations.action.', {
      issue: '制发检察建议',
      reply: '书面回复',
      accept: '认可回复并办结',
      return: '退回重新回复',
      withdraw: '撤回',
      note_litigation: '记录提起公益诉讼',
    }),
    'recommendations.entity': '检察建议',
    'recommendations.child_entity': '儿童档案',
    'recommendations.case_entity': '个案',
    'recommendations.organisation_entity': '被建议单位',
    'recommendations.none': '无',
    'recommendations.action_not_allowed':
      '检察建议当前状态为“$t(recommendations.status.{{status}})”，不能执行“$t(recommendations.action.{{action}})”。当前可执行：{{allowed}}。',
    'recommendations.stale':
      '检察建议已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请刷新后再操作。',
    'recommendations.not_addressee': '只有被建议单位才能书面回复检察建议。',
    'recommendations.not_issuer': '只有制发检察建议的检察院才能认可、退回、撤回或记录公益诉讼。',
    'recommendations.needs_procuratorate': '只有检察院的检察官才能制发检察建议。',
    'recommendations.same_organisation': '不能向本院制发检察建议。',
    'recommendations.case_without_child': '关联个案时须同时选择儿童。',
    'recommendations.case_of_other_child': '所选个案不属于该儿童。',
    'recommendations.text_required': '请填写内容。',
    'recommendations.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
    'recommendations.filed_in_future': '起诉日期 {{filedOn}} 晚于今天。',
  },
  en: {
    ...prefixed('recommendations.status.', {
      issued: 'Awaiting reply',
      replied: 'Replied, under review',
      closed: 'Closed',
      withdrawn: 'Withdrawn',
    }),
    ...prefixed('recommendations.action.', {
      issue: 'Issue a recommendation',
      reply: 'Reply in writing',
      accept: 'Accept the reply and close',
      return: 'Return for a better reply',
      withdraw: 'Withdraw',
      note_litigation: 'Note public-interest litigation',
    }),
    'recommendations.entity': 'procuratorial recommendation',
    'recommendations.child_entity': 'child',
    'recommendations.case_entity': 'case',
    'recommendations.organisation_entity': 'addressed unit',
    'recommendations.none': 'none',
    'recommendations.action_not_allowed':
      'The recommendation is "$t(recommendations.status.{{status}})": "$t(recommendations.action.{{action}})" is not allowed now. Allowed: {{allowed}}.',
    'recommendations.stale':
      'The recommendation has moved on (you saw step {{expected}}, it is now at step {{current}}). Reload it and try again.',
    'recommendations.not_addressee': 'Only the unit the recommendation is addressed to replies to it.',
    'recommendations.not_issuer':
      'Only the procuratorate that issued the recommendation accepts, returns or withdraws it, or notes litigation.',
    'recommendations.needs_procuratorate': 'Only prosecutors of a procuratorate issue recommendations.',
    'recommendations.same_organisation': 'A recommendation cannot be addressed to your own procuratorate.',
    'recommendations.case_without_child': 'Choose the child when you link a case.',
    'recommendations.case_of_other_child': 'The chosen case is not about this child.',
    'recommendations.text_required': 'Fill this in.',
    'recommendations.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
    'recommendations.filed_in_future': 'The filing date {{filedOn}} is after today.',
  },
});
