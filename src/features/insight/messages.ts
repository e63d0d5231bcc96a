import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'insight.within_invalid': '请填写 12 位行政区划代码',
    'insight.no_lower_level': '{{code}} 是村（社区）级区划，没有更下一级可供统计。',
    'insight.entity.division': '行政区划',
    'insight.counts_level':
      '{{code}} 的统计不能按“{{level}}”级分行：须是它下面的层级；按村（社区）分行只限县级或乡镇级区划内。',
    'insight.level.province': '省',
    'insight.level.city': '市',
    'insight.level.county': '县（区）',
    'insight.level.township': '乡镇（街道）',
    'insight.level.village': '村（社区）',
    'insight.entity.report': '月报',
  },
  en: {
    'insight.within_invalid': 'Give a 12-digit division code',
    'insight.no_lower_level': '{{code}} is a village or community: there is no level below it to count by.',
    'insight.entity.division': 'division',
    'insight.counts_level':
      'The counts of {{code}} cannot be broken down by {{level}}: choose a level below it; by village only within a county or township.',
    'insight.level.province': 'province',
    'insight.level.city': 'city',
    'insight.level.county': 'county',
    'insight.level.township': 'township',
    'insight.level.village': 'village',
    'insight.entity.report': 'monthly report',
  },
});
