import { registerMessages } from '../../platform/i18n/translate.js';

const prefixed = (prefix: string, names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [`${prefix}${k}`, v]));

registerMessages({
  'zh-CN': {
    ...prefixed('referrals.status.', {
      requested: '待接收',
      accepted: '已接收',
      declined: '已拒绝',
      in_progress: '服务中',
      completed: '已完成',
      withdrawn: '已撤回',
    }),
    ...prefixed('referrals.action.', {
      request: '发起转介',
      accept: '接收',
      decline: '拒绝',
      start: '开始服务',
      complete: '完成',
      withdraw: '撤回',
    }),
    'referrals.entity': '转介',
    'referrals.child_entity': '儿童档案',
    'referrals.case_entity': '个案',
    'referrals.organisation_entity': '接收单位',
    'referrals.none': '无',
    'referrals.action_not_allowed':
      '转介当前状态为“$t(referrals.status.{{status}})”，不能执行“$t(referrals.action.{{action}})”。当前可执行：{{allowed}}。',
    'referrals.stale':
      '转介已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请刷新后再操作。',
    'referrals.not_receiver': '只有接收单位的工作人员才能接收、拒绝、开始或完成转介。',
    'referrals.not_sender': '只有转出单位的工作人员才能撤回转介。',
    'referrals.needs_organisation': '只有所属单位的工作人员才能发起转介。',
    'referrals.same_organisation': '不能转介给本单位。',
    'referrals.case_of_other_child': '所选个案不属于该儿童。',
    'referrals.reason_required': '请填写理由。',
    'referrals.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
    'referrals.due_in_past': '完成期限 {{dueOn}} 早于今天。',
    'referrals.identity_required': '转介必须共享儿童身份信息：接收单位需要知道服务对象是谁。',
    'referrals.documents_not_shared': '列出了共享文件，但共享范围不含“文件”。',
    'referrals.documents_none_chosen': '共享范围含“文件”，请选择要共享的档案材料（至少一份）。',
    'referrals.document_not_of_child': '所选材料（{{field}}）不是该儿童档案中您可查看的有效材料。',
    'referrals.consent_required': '按当地规则，转介前须取得{{who}}同意；未取得时请说明理由（例如监护人即侵害人）。',
    'referrals.consent_who.guardian': '监护人',
    'referrals.consent_who.child': '儿童本人',
    'referrals.service_not_in_matrix':
      '按职责矩阵，{{organisation}}所属类别在该地不提供“{{service}}”服务。转介已发出，请确认接收单位能够提供。',
  },
  en: {
    ...prefixed('referrals.status.', {
      requested: 'Requested',
      accepted: 'Accepted',
      declined: 'Declined',
      in_progress: 'In progress',
      completed: 'Completed',
      withdrawn: 'Withdrawn',
    }),
    ...prefixed('referrals.action.', {
      request: 'Refer',
      accept: 'Accept',
      decline: 'Decline',
      start: 'Start the service',
      complete: 'Complete',
      withdraw: 'Withdraw',
    }),
    'referrals.entity': 'referral',
    'referrals.child_entity': 'child',
    'referrals.case_entity': 'case',
    'referrals.organisation_entity': 'receiving organisation',
    'referrals.none': 'none',
    'referrals.action_not_allowed':
      'The referral is "$t(referrals.status.{{status}})": "$t(referrals.action.{{action}})" is not allowed now. Allowed: {{allowed}}.',
    'referrals.stale':
      'The referral has moved on (you saw step {{expected}}, it is now at step {{current}}). Reload it and try again.',
    'referrals.not_receiver': 'Only staff of the receiving organisation accept, decline, start or complete a referral.',
    'referrals.not_sender': 'Only staff of the referring organisation withdraw a referral.',
    'referrals.needs_organisation': 'Only staff of an organisation can make a referral.',
    'referrals.same_organisation': 'A referral cannot be sent to your own organisation.',
    'referrals.case_of_other_child': 'The chosen case is not about this child.',
    'referrals.reason_required': 'Give a reason.',
    'referrals.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
    'referrals.due_in_past': 'The due date {{dueOn}} is before today.',
    'referrals.identity_required':
      "A referral always shares the child's identity: the receiver must know whom it serves.",
    'referrals.documents_not_shared': 'Documents are listed but the referral does not share documents.',
    'referrals.documents_none_chosen':
      "The referral shares documents: choose which of the file's documents (at least one).",
    'referrals.document_not_of_child':
      "The document chosen ({{field}}) is not a current document of this child's file that you can see.",
    'referrals.consent_required':
      "The local rules require the {{who}}'s consent before a referral; without it, give the reason (e.g. the guardian is the source of harm).",
    'referrals.consent_who.guardian': 'guardian',
    'referrals.consent_who.child': 'child',
    'referrals.service_not_in_matrix':
      'By the responsibility matrix, the kind of {{organisation}} does not provide "{{service}}" here. The referral was sent; check that the receiver can provide it.',
  },
});
