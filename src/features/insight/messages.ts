import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'insight.within_invalid': '请填写 12 位行政区划代码',
    'insight.no_lower_level': '{{code}} 是村（社区）级区划，没有更下一级可供统计。',
    'insight.entity.division': '行政区划',
  },
  en: {
    'insight.within_invalid': 'Give a 12-digit division code',
    'insight.no_lower_level': '{{code}} is a village or community: there is no level below it to count by.',
    'insight.entity.division': 'division',
  },
});
