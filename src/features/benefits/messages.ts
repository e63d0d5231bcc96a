import { registerMessages } from '../../platform/i18n/translate.js';

const prefixed = (prefix: string, entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).map(([key, value]) => [`${prefix}${key}`, value]));

const typeZh = {
  '201': '社会散居孤儿基本生活费',
  '202': '机构集中养育孤儿基本生活费',
  '120': '社会散居事实无人抚养儿童基本生活补贴',
  '121': '机构养育事实无人抚养儿童基本生活补贴',
  '300': '艾滋病病毒感染儿童基本生活费',
  '205': '孤儿助学金',
};
const typeEn = {
  '201': 'Scattered orphan allowance',
  '202': 'Institution-raised orphan allowance',
  '120': 'Scattered de facto unsupported child allowance',
  '121': 'Institution-supported de facto unsupported child allowance',
  '300': 'HIV-affected child allowance',
  '205': 'Orphan education grant',
};
const statusZh = {
  received: '已收件',
  verifying: '乡镇核实中',
  verified: '待县级审批',
  approved: '已批准',
  refused: '不予批准',
  withdrawn: '已撤回',
  ended: '已终止',
};
const statusEn = {
  received: 'Received',
  verifying: 'Township verifying',
  verified: 'Awaiting county decision',
  approved: 'Approved',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  ended: 'Ended',
};
const actionZh = {
  receive: '收件',
  accept: '乡镇受理',
  verify: '完成核实',
  approve: '批准',
  refuse: '不予批准',
  withdraw: '撤回',
  end: '终止发放',
};
const actionEn = {
  receive: 'Receive',
  accept: 'Accept (township)',
  verify: 'Complete verification',
  approve: 'Approve',
  refuse: 'Refuse',
  withdraw: 'Withdraw',
  end: 'End payments',
};

registerMessages({
  'zh-CN': {
    ...prefixed('benefits.type.', typeZh),
    ...prefixed('benefits.status.', statusZh),
    ...prefixed('benefits.action.', actionZh),
    'benefits.entity': '保障金申请',
    'benefits.child_entity': '儿童',
    'benefits.none': '无',
    'benefits.action_not_allowed':
      '申请当前状态为“$t(benefits.status.{{status}})”，不能执行“$t(benefits.action.{{action}})”。当前可执行：{{allowed}}。',
    'benefits.stale':
      '申请 {{applicationNo}} 已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请查看最新情况后再操作。',
    'benefits.application_open': '该儿童已有一份办理中的同类申请（{{applicationNo}}），不能重复申请。',
    'benefits.child_not_active': '该儿童档案状态为“$t(registry.status.{{status}})”，不能申请。',
    'benefits.needs_organisation': '只有所属单位的工作人员才能办理保障金申请。',
    'benefits.date_in_future': '日期 {{date}} 晚于今天（{{today}}）。',
    'benefits.date_before_received': '日期 {{date}} 早于收件日期 {{receivedOn}}。',
    'benefits.type_unknown': '本地规则中没有保障类型 {{benefit}}。',
    'benefits.standard_missing': '{{place}} 没有 {{year}} 年“{{benefit}}”的发放标准，请先发布标准。',
  },
  en: {
    ...prefixed('benefits.type.', typeEn),
    ...prefixed('benefits.status.', statusEn),
    ...prefixed('benefits.action.', actionEn),
    'benefits.entity': 'benefit application',
    'benefits.child_entity': 'child',
    'benefits.none': 'none',
    'benefits.action_not_allowed':
      'The application is "$t(benefits.status.{{status}})": "$t(benefits.action.{{action}})" is not allowed now. Allowed: {{allowed}}.',
    'benefits.stale':
      'Application {{applicationNo}} has moved on (you saw step {{expected}}, it is now at step {{current}}). Look at it again and retry.',
    'benefits.application_open':
      'The child already has an open application for this benefit ({{applicationNo}}); a second one is not accepted.',
    'benefits.child_not_active': 'The file is "$t(registry.status.{{status}})": no application can be made.',
    'benefits.needs_organisation': 'Only staff of an organisation can handle benefit applications.',
    'benefits.date_in_future': 'The date {{date}} is after today ({{today}}).',
    'benefits.date_before_received':
      'The date {{date}} is before the day the application was received ({{receivedOn}}).',
    'benefits.type_unknown': 'The local rules have no benefit type {{benefit}}.',
    'benefits.standard_missing':
      'There is no monthly standard for "{{benefit}}" in {{place}} for {{year}}; publish the standard first.',
  },
});
