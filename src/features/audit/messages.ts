import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'audit.instant_invalid':
      '时间格式不正确，请使用日期（如 2025-03-01）或带时区的时间（如 2025-03-01T08:00:00+08:00）',
    'audit.action_invalid': '操作名称只能包含字母、数字、点、下划线和连字符，可以“.”或“.*”结尾表示前缀',
    'audit.range_invalid': '结束时间早于开始时间',
    'audit.child_code_invalid': '档案编号以 HV 开头，如 HV4210020170601A3F9，可在儿童档案页顶部找到',
    'audit.cursor_invalid': '翻页位置不正确',
    'audit.export.truncated':
      '注意：符合条件的记录共 {{total}} 条，超过单次导出上限，本文件只包含最新的 {{cap}} 条。请缩小时间范围或增加筛选条件后分批导出。',
    'audit.export.sheet': '审计日志',
    'audit.column.id': '编号',
    'audit.column.time': '时间（北京时间）',
    'audit.column.actor': '操作人',
    'audit.column.user': '用户ID',
    'audit.column.organisation': '机构ID',
    'audit.column.action': '操作',
    'audit.column.entity_type': '对象类型',
    'audit.column.entity_id': '对象ID',
    'audit.column.child': '儿童ID',
    'audit.column.outcome': '结果',
    'audit.column.ip': 'IP 地址',
    'audit.column.request': '请求编号',
    'audit.column.details': '详情',
    'audit.outcome.ok': '成功',
    'audit.outcome.denied': '被拒绝',
    'audit.outcome.failed': '失败',
  },
  en: {
    'audit.instant_invalid':
      'Invalid time: use a date (e.g. 2025-03-01) or a time with its offset (e.g. 2025-03-01T08:00:00+08:00)',
    'audit.action_invalid':
      'An action holds only letters, digits, dots, underscores and hyphens; end it with "." or ".*" for a prefix',
    'audit.range_invalid': 'The end lies before the start',
    'audit.child_code_invalid':
      'A file number starts with HV, such as HV4210020170601A3F9; it is shown at the top of the child file',
    'audit.cursor_invalid': 'Invalid paging position',
    'audit.export.truncated':
      'Note: {{total}} entries match, more than one export may hold; this file holds only the newest {{cap}}. Narrow the time range or add filters and export in parts.',
    'audit.export.sheet': 'Audit log',
    'audit.column.id': 'No.',
    'audit.column.time': 'Time (China Standard Time)',
    'audit.column.actor': 'Actor',
    'audit.column.user': 'User ID',
    'audit.column.organisation': 'Organisation ID',
    'audit.column.action': 'Action',
    'audit.column.entity_type': 'Entity type',
    'audit.column.entity_id': 'Entity ID',
    'audit.column.child': 'Child ID',
    'audit.column.outcome': 'Outcome',
    'audit.column.ip': 'IP address',
    'audit.column.request': 'Request ID',
    'audit.column.details': 'Details',
    'audit.outcome.ok': 'ok',
    'audit.outcome.denied': 'denied',
    'audit.outcome.failed': 'failed',
  },
});
