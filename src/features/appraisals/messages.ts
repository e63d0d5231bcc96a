import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'appraisals.entity': '年度考核',
    'appraisals.not_recorded': '{{year}} 年度尚无考核记录，无需填写版本号。',
    'appraisals.recorded_meanwhile': '{{year}} 年度考核刚被他人记录，请刷新后再操作。',
  },
  en: {
    'appraisals.entity': 'yearly assessment',
    'appraisals.not_recorded': 'No assessment is recorded for {{year}} yet: send none of its version.',
    'appraisals.recorded_meanwhile': 'Someone has just recorded the {{year}} assessment: reload and try again.',
  },
});
