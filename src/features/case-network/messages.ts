import { registerMessages } from '../../platform/i18n/translate.js';

const prefixed = (prefix: string, names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [`${prefix}${k}`, v]));

registerMessages({
  'zh-CN': {
    ...prefixed('caseServices.status.', {
      planned: '已计划',
      referred: '已转介',
      delivered: '已提供',
      not_delivered: '未提供',
    }),
    ...prefixed('caseServices.action.', {
      plan: '列入计划',
      refer: '转介',
      deliver: '标记已提供',
      not_deliver: '标记未提供',
    }),
    ...prefixed('leadTransfers.status.', {
      requested: '待接收',
      accepted: '已接收',
      rejected: '已拒绝',
      withdrawn: '已撤回',
    }),
    ...prefixed('leadTransfers.action.', { request: '申请移交', accept: '接收', reject: '拒绝', withdraw: '撤回' }),
    ...prefixed('caseNetwork.level.', {
      province: '省级',
      city: '市级',
      county: '县级',
      township: '乡镇级',
      village: '村级',
    }),
    'caseServices.entity': '计划服务',
    'caseServices.none': '无',
    'caseServices.action_not_allowed':
      '该服务当前状态为“$t(caseServices.status.{{status}})”，不能执行“$t(caseServices.action.{{action}})”。当前可执行：{{allowed}}。',
    'caseServices.stale':
      '该服务已有新的记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请刷新后再操作。',
    'leadTransfers.entity': '牵头单位移交',
    'leadTransfers.none': '无',
    'leadTransfers.action_not_allowed':
      '该移交当前状态为“$t(leadTransfers.status.{{status}})”，不能执行“$t(leadTransfers.action.{{action}})”。当前可执行：{{allowed}}。',
    'leadTransfers.stale':
      '该移交已有新的记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请刷新后再操作。',
    'caseNetwork.case_entity': '个案',
    'caseNetwork.organisation_entity': '单位',
    'caseNetwork.case_missing': '个案不存在。',
    'caseNetwork.reason_required': '请填写理由。',
    'caseNetwork.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
    'caseNetwork.date_in_future': '{{field}} 的日期 {{date}} 晚于今天。',
    'caseNetwork.not_lead': '只有个案牵头单位的工作人员才能安排服务、转介或移交牵头单位。',
    'caseNetwork.not_lead_or_provider': '只有牵头单位或服务提供单位的工作人员才能记录服务结果。',
    'caseNetwork.lead_delivers_itself': '该服务由牵头单位自己提供，无需转介。',
    'caseNetwork.case_closed': '个案已结案，不能再安排服务或移交牵头单位。',
    'caseNetwork.not_receiver': '只有接收单位的工作人员才能接收或拒绝移交。',
    'caseNetwork.not_sender': '只有发起移交的单位才能撤回移交。',
    'caseNetwork.same_lead': '该单位已是本个案的牵头单位。',
    'caseNetwork.transfer_waiting': '本个案已有一项待接收的牵头单位移交，请先等待答复或撤回。',
    'caseNetwork.may_not_lead':
      '按本地规则，{{kind}}（{{level}}）不能牵头个案，移交被拒绝。可以牵头的单位：{{allowed}}。',
  },
  en: {
    ...prefixed('caseServices.status.', {
      planned: 'Planned',
      referred: 'Referred',
      delivered: 'Delivered',
      not_delivered: 'Not delivered',
    }),
    ...prefixed('caseServices.action.', {
      plan: 'Plan',
      refer: 'Refer',
      deliver: 'Mark delivered',
      not_deliver: 'Mark not delivered',
    }),
    ...prefixed('leadTransfers.status.', {
      requested: 'Requested',
      accepted: 'Accepted',
      rejected: 'Rejected',
      withdrawn: 'Withdrawn',
    }),
    ...prefixed('leadTransfers.action.', {
      request: 'Request',
      accept: 'Accept',
      reject: 'Reject',
      withdraw: 'Withdraw',
    }),
    ...prefixed('caseNetwork.level.', {
      province: 'province level',
      city: 'city level',
      county: 'county level',
      township: 'township level',
      village: 'village level',
    }),
    'caseServices.entity': 'planned service',
    'caseServices.none': 'none',
    'caseServices.action_not_allowed':
      'The service is "$t(caseServices.status.{{status}})": "$t(caseServices.action.{{action}})" is not allowed now. Allowed: {{allowed}}.',
    'caseServices.stale':
      'The service has moved on (you saw step {{expected}}, it is now at step {{current}}). Reload and try again.',
    'leadTransfers.entity': 'lead transfer',
    'leadTransfers.none': 'none',
    'leadTransfers.action_not_allowed':
      'The transfer is "$t(leadTransfers.status.{{status}})": "$t(leadTransfers.action.{{action}})" is not allowed now. Allowed: {{allowed}}.',
    'leadTransfers.stale':
      'The transfer has moved on (you saw step {{expected}}, it is now at step {{current}}). Reload and try again.',
    'caseNetwork.case_entity': 'case',
    'caseNetwork.organisation_entity': 'organisation',
    'caseNetwork.case_missing': 'The case does not exist.',
    'caseNetwork.reason_required': 'Give a reason.',
    'caseNetwork.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
    'caseNetwork.date_in_future': 'The date {{date}} in {{field}} is after today.',
    'caseNetwork.not_lead':
      "Only staff of the case's lead organisation plan services, refer them or transfer the lead.",
    'caseNetwork.not_lead_or_provider': 'Only staff of the lead or of the providing organisation record a service.',
    'caseNetwork.lead_delivers_itself':
      'The lead organisation provides this service itself: there is nothing to refer.',
    'caseNetwork.case_closed': 'The case is closed: no services are planned and its lead is not transferred.',
    'caseNetwork.not_receiver': 'Only staff of the receiving organisation accept or reject a transfer.',
    'caseNetwork.not_sender': 'Only the organisation that asked for the transfer withdraws it.',
    'caseNetwork.same_lead': 'This organisation already leads the case.',
    'caseNetwork.transfer_waiting':
      'A transfer of this case’s lead is already waiting for an answer: wait for it or withdraw it.',
    'caseNetwork.may_not_lead':
      'Under the local rules a {{kind}} ({{level}}) may not lead a case: the transfer is refused. Who may lead: {{allowed}}.',
  },
});
