import { incubationActionLabels, incubationStatusLabels } from '../../contract/projects/incubation.js';
import { registerMessages } from '../../platform/i18n/translate.js';

const labels = (prefix: string, table: Record<string, { zh: string; en: string }>, lang: 'zh' | 'en') =>
  Object.fromEntries(Object.entries(table).map(([code, label]) => [`${prefix}${code}`, label[lang]]));

registerMessages({
  'zh-CN': {
    ...labels('incubation.status.', incubationStatusLabels, 'zh'),
    ...labels('incubation.action.', incubationActionLabels, 'zh'),
    'incubation.entity': '孵化记录',
    'incubation.none': '无',
    'incubation.action_not_allowed':
      '孵化记录当前状态为“$t(incubation.status.{{status}})”，不能执行“$t(incubation.action.{{action}})”。当前可执行：{{allowed}}。',
    'incubation.stale':
      '孵化记录已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请刷新后再操作。',
    'projects.incubation_future': '日期 {{date}} 晚于今天。',
    'projects.incubation_before_start': '日期 {{date}} 早于孵化开始日期 {{startsOn}}。',
    'projects.incubation_funding_amount': '种子资金须填写金额（分）。',
    'projects.incubation_amount_only_funding': '只有种子资金填写金额。',
  },
  en: {
    ...labels('incubation.status.', incubationStatusLabels, 'en'),
    ...labels('incubation.action.', incubationActionLabels, 'en'),
    'incubation.entity': 'Incubation record',
    'incubation.none': 'nothing',
    'incubation.action_not_allowed':
      'The incubation is "$t(incubation.status.{{status}})": "$t(incubation.action.{{action}})" is not possible. Possible now: {{allowed}}.',
    'incubation.stale':
      'The incubation has changed (you saw step {{expected}}, it is now at step {{current}}). Reload and try again.',
    'projects.incubation_future': 'The date {{date}} is after today.',
    'projects.incubation_before_start': 'The date {{date}} is before the incubation started ({{startsOn}}).',
    'projects.incubation_funding_amount': 'Seed funding needs its amount (fen).',
    'projects.incubation_amount_only_funding': 'Only seed funding carries an amount.',
  },
});
