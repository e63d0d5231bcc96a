import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'assessments.entity': '家庭监护能力评估',
    'assessments.child_entity': '儿童档案',
    'assessments.answers_invalid':
      '评估表不完整或有无效选项：{{items}}。请按 DB42/T 1969-2023 的 20 个评估项逐项选择。',
    'assessments.date_future': '评估日期 {{date}} 晚于今天（{{today}}）。',
    'assessments.date_before_registration': '评估日期 {{date}} 早于该儿童的建档日期（{{registered}}）。',
    'assessments.case_other_child': '所填个案不属于该儿童。',
    'assessments.no_follow_up': '该评估没有待落实的"监护缺失"事项。',
  },
  en: {
    'assessments.entity': 'guardianship assessment',
    'assessments.child_entity': 'child',
    'assessments.answers_invalid':
      'The form is incomplete or has answers the standard does not have: {{items}}. Answer each of the 20 items of DB42/T 1969-2023.',
    'assessments.date_future': 'The assessment date {{date}} is after today ({{today}}).',
    'assessments.date_before_registration':
      "The assessment date {{date}} is before the child's registration ({{registered}}).",
    'assessments.case_other_child': 'That case is not about this child.',
    'assessments.no_follow_up': 'This assessment has no open "guardianship missing" follow-up.',
  },
});
