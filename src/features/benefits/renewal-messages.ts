import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'benefits.renewal_entity': '续发记录',
    'benefits.renewal_stale': '续发记录已被他人更新（当前序号 {{seq}}），请刷新后重试。',
    'benefits.renewal_not_allowed': '续发记录当前状态为“{{status}}”，不能执行“{{action}}”。',
    'benefits.renewal_until_out_of_range': '续发截止日期 {{date}} 须晚于 {{from}}（年满18周岁），且不晚于 {{to}}。',
  },
  en: {
    'benefits.renewal_entity': 'renewal',
    'benefits.renewal_stale': 'The renewal was changed by someone else (now at {{seq}}); reload and try again.',
    'benefits.renewal_not_allowed': 'The renewal is "{{status}}": "{{action}}" is not allowed.',
    'benefits.renewal_until_out_of_range':
      'The renewal end date {{date}} must be after {{from}} (the 18th birthday) and no later than {{to}}.',
  },
});
