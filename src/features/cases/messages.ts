import { registerMessages } from '../../platform/i18n/translate.js';

const statusZh = {
  reported: '已报告',
  acknowledged: '已受理',
  emergency_response: '应急处置',
  assessment: '评估',
  assistance: '帮扶',
  guardianship_intervention: '监护干预',
  monitoring: '跟踪回访',
  closure_requested: '待审批结案',
  closed: '已结案',
};
const statusEn = {
  reported: 'Reported',
  acknowledged: 'Acknowledged',
  emergency_response: 'Emergency response',
  assessment: 'Assessment',
  assistance: 'Assistance',
  guardianship_intervention: 'Guardianship intervention',
  monitoring: 'Monitoring',
  closure_requested: 'Closure requested',
  closed: 'Closed',
};
const actionZh = {
  open: '立案',
  report_joined: '并入报告',
  acknowledge: '受理',
  emergency_response: '应急处置',
  assessment: '评估',
  assistance_plan: '制定帮扶计划',
  case_conference: '个案会商',
  guardianship_intervention: '监护干预',
  add_participant: '增加参与单位',
  start_monitoring: '转入跟踪回访',
  request_closure: '申请结案',
  approve_closure: '批准结案',
  reject_closure: '退回结案申请',
  reopen: '重新开案',
  lead_transferred: '移交牵头单位',
  sibling_linked: '关联兄弟姐妹个案',
};
const actionEn = {
  open: 'Open',
  report_joined: 'Report joined',
  acknowledge: 'Acknowledge',
  emergency_response: 'Emergency response',
  assessment: 'Assessment',
  assistance_plan: 'Assistance plan',
  case_conference: 'Case conference',
  guardianship_intervention: 'Guardianship intervention',
  add_participant: 'Add participating organisation',
  start_monitoring: 'Start monitoring',
  request_closure: 'Request closure',
  approve_closure: 'Approve closure',
  reject_closure: 'Reject closure request',
  reopen: 'Reopen',
  lead_transferred: 'Lead transferred',
  sibling_linked: "Sibling's case linked",
};
const prefixed = (prefix: string, names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [`${prefix}${k}`, v]));

registerMessages({
  'zh-CN': {
    ...prefixed('cases.status.', statusZh),
    ...prefixed('cases.action.', actionZh),
    'cases.entity': '个案',
    'cases.child_entity': '儿童档案',
    'cases.none': '无',
    'cases.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
    'cases.reason_required': '请填写理由。',
    'cases.action_not_allowed':
      '个案当前状态为“$t(cases.status.{{status}})”，不能执行“$t(cases.action.{{action}})”。当前可执行：{{allowed}}。',
    'cases.stale':
      '个案 {{caseNo}} 已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请查看最新情况后再操作。',
    'cases.own_closure': '结案申请须由他人审批，申请人不能批准自己的申请。',
    'cases.organisation_unknown': '组织 {{id}} 不存在。',
    'cases.child_required': '请先在儿童档案中登记或找到该儿童，再立案。',
    'cases.children_differ': '所选报告涉及不同的儿童，且他们不是同一家庭户的兄弟姐妹，不能一并立案。',
    'cases.not_siblings': '所选儿童与本案儿童不在同一家庭户，不能作为兄弟姐妹一并立案。请先在“家庭户”中关联。',
    'cases.needs_organisation': '只有所属单位的工作人员才能立案。',
    'cases.reference_unknown': '所引用的单位或人员不存在。',
    'cases.lead_changed': '个案 {{caseNo}} 的牵头单位已不是发起移交的单位，移交不能生效。',
    'cases.lead_case_closed': '个案 {{caseNo}} 已结案，不能移交牵头单位。',
  },
  en: {
    ...prefixed('cases.status.', statusEn),
    ...prefixed('cases.action.', actionEn),
    'cases.entity': 'case',
    'cases.child_entity': 'child',
    'cases.none': 'none',
    'cases.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
    'cases.reason_required': 'Give a reason.',
    'cases.action_not_allowed':
      'The case is "$t(cases.status.{{status}})": "$t(cases.action.{{action}})" is not allowed now. Allowed: {{allowed}}.',
    'cases.stale':
      'Case {{caseNo}} has moved on (you saw step {{expected}}, it is now at step {{current}}). Look at the current case and try again.',
    'cases.own_closure': 'A closure must be approved by someone else; you cannot approve your own request.',
    'cases.organisation_unknown': 'Organisation {{id}} does not exist.',
    'cases.child_required': 'Register or find the child in the registry first, then open the case.',
    'cases.children_differ':
      'The chosen reports are about different children who are not siblings of one household; they cannot open cases together.',
    'cases.not_siblings':
      "This child is not in the case child's household, so no sibling case is opened. Link them under Households first.",
    'cases.needs_organisation': 'Only staff of an organisation can open a case.',
    'cases.reference_unknown': 'A referenced organisation or person does not exist.',
    'cases.lead_changed':
      'Case {{caseNo}} is no longer led by the organisation that asked for the transfer: the transfer cannot take effect.',
    'cases.lead_case_closed': 'Case {{caseNo}} is closed: its lead cannot be transferred.',
  },
});
