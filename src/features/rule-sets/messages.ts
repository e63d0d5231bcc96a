import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'rule_sets.invalid': '规则集有误：{{problems}}。未保存任何内容。',
    'rule_sets.outside_jurisdiction': '区划 {{scope}} 不在您的管辖范围内，您只能为本辖区发布规则。',
    'rule_sets.past_date':
      '生效日期 {{validFrom}} 早于今天（{{today}}）：已计算的期限不会重算，规则只能从今天或以后生效。',
  },
  en: {
    'rule_sets.invalid': 'The rule set has problems: {{problems}}. Nothing was saved.',
    'rule_sets.outside_jurisdiction':
      'The division {{scope}} is outside your jurisdiction; you can publish rules only for your own area.',
    'rule_sets.past_date':
      'The start date {{validFrom}} is before today ({{today}}): deadlines already computed are not recomputed, so rules take effect today or later.',
  },
});
