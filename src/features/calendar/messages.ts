import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'calendar.invalid':
      '{{year}} 年的节假日安排有误，未保存，也未重算任何期限：{{date}}（$t(calendar.problem.{{problem}})），共 {{count}} 处问题。',
    'calendar.problem.duplicate': '同一日期重复列出',
    'calendar.problem.contradiction': '同一天既是休息日又是调休上班日',
    'calendar.problem.outside_year': '日期不在该年度内',
    'calendar.problem.workday_not_weekend': '调休上班日应是周六或周日',
    'calendar.problem.invalid_date': '不是有效日期（格式为 YYYY-MM-DD）',
    'calendar.busy': '另一次节假日安排的导入仍在重算期限，{{year}} 年的安排未保存，请稍后再试。',
    'calendar.recomputing':
      '{{pendingYear}} 年安排（第 {{revision}} 次录入）仍在重算暂定期限（已完成 {{done}}/{{total}} 批），{{year}} 年的安排未保存；重算完成后再录入。',
    'calendar.file_unreadable': '无法读取文件 {{file}}：应为 JSON（holidays / workdays）或“日期,休/班”每行一条。',
  },
  en: {
    'calendar.invalid':
      'The {{year}} holiday arrangement is wrong; nothing was stored or recomputed: {{date}} ($t(calendar.problem.{{problem}})), {{count}} problem(s) in all.',
    'calendar.problem.duplicate': 'the same date is listed twice',
    'calendar.problem.contradiction': 'the same day is both a day off and a working day',
    'calendar.problem.outside_year': 'the date is not in that year',
    'calendar.problem.workday_not_weekend': 'a working weekend day must be a Saturday or Sunday',
    'calendar.problem.invalid_date': 'not a valid date (write YYYY-MM-DD)',
    'calendar.busy':
      'Another holiday arrangement is still recomputing deadlines; the {{year}} arrangement was not stored. Try again shortly.',
    'calendar.recomputing':
      'The {{pendingYear}} arrangement (revision {{revision}}) is still recomputing provisional deadlines ({{done}} of {{total}} batches done); the {{year}} arrangement was not stored. Load it once the recompute has finished.',
    'calendar.file_unreadable':
      'Cannot read {{file}}: expected JSON (holidays / workdays) or one "date,holiday|workday" per line.',
  },
});
