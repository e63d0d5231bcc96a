import { registerMessages } from '../../platform/i18n/translate.js';

const prefixed = (prefix: string, names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [`${prefix}${k}`, v]));

const kindZh = {
  home: '家庭（父母身边）',
  kinship_care: '亲属照护',
  entrusted_care: '委托照护',
  foster_family: '家庭寄养',
  rescue_station: '救助管理站',
  protection_centre: '未成年人救助保护中心',
  welfare_home: '儿童福利院',
};
const kindEn = {
  home: 'Home (with parents)',
  kinship_care: 'Kinship care',
  entrusted_care: 'Entrusted care',
  foster_family: 'Foster family',
  rescue_station: 'Rescue station',
  protection_centre: 'Minor protection centre',
  welfare_home: 'Child welfare home',
};
const statusZh = { current: '安置中', extension_requested: '申请延长滞留', ended: '已结束' };
const statusEn = { current: 'Current', extension_requested: 'Extension requested', ended: 'Ended' };
const actionZh = {
  place: '安置',
  request_extension: '申请延长滞留',
  approve_extension: '批准延长滞留',
  reject_extension: '不予延长',
  transfer: '转移（交接）',
  end: '结束安置',
  follow_up: '返家回访',
  assess_return_home: '返家评估',
  escort_home: '护送返乡',
};
const actionEn = {
  place: 'Place',
  request_extension: 'Request a longer stay',
  approve_extension: 'Approve the longer stay',
  reject_extension: 'Refuse the longer stay',
  transfer: 'Transfer (hand over)',
  end: 'End the placement',
  follow_up: 'Follow-up after return home',
  assess_return_home: 'Return-home assessment',
  escort_home: 'Escort home',
};
const levelZh = { village: '村（居）', township: '乡镇（街道）', county: '县（区）', city: '市', province: '省' };
const levelEn = { village: 'village', township: 'township', county: 'county', city: 'city', province: 'province' };

registerMessages({
  'zh-CN': {
    ...prefixed('placements.kind.', kindZh),
    ...prefixed('placements.status.', statusZh),
    ...prefixed('placements.action.', actionZh),
    ...prefixed('placements.level.', levelZh),
    'placements.entity': '安置记录',
    'placements.child_entity': '儿童档案',
    'placements.none': '无',
    'placements.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
    'placements.instant_format': '时间格式应为 ISO 8601，如 2026-03-01T14:30:00+08:00。',
    'placements.action_not_allowed':
      '安置当前状态为“$t(placements.status.{{status}})”，不能执行“$t(placements.action.{{action}})”。当前可执行：{{allowed}}。',
    'placements.stale':
      '该安置已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请查看最新情况后再操作。',
    'placements.own_extension': '延长滞留须由他人审批，申请人不能批准自己的申请。',
    'placements.not_authority':
      '延长救助站滞留须由{{place}}或以上的民政部门审批，且其辖区须包含该救助站；{{organisation}}无此审批权限。',
    'placements.already_placed':
      '该儿童自 {{since}} 起已安置于“$t(placements.kind.{{kind}})”。一个儿童同一时间只能有一个安置：请对当前安置办理“转移”或“结束”。',
    'placements.overlap': '该儿童在这段时间已有安置记录（安置期间不能重叠），本次操作未保存。请刷新后查看当前安置。',
    'placements.ends_before_start': '{{field}}：结束时间 {{endedAt}} 早于开始时间 {{startedAt}}，请更正。',
    'placements.in_future': '{{field}}：时间 {{at}} 晚于当前时间，不能记录尚未发生的安置。',
    'placements.institution_full':
      '“{{name}}”床位已满：在院 {{occupancy}} 人，床位 {{beds}} 张。如确需安置，请填写超额安置理由。',
    'placements.organisation_required': '{{field}}：安置到“$t(placements.kind.{{kind}})”须选择具体机构。',
    'placements.organisation_kind': '{{field}}：所选机构“{{name}}”不是“$t(placements.kind.{{kind}})”。',
    'placements.organisation_unknown': '{{field}}：机构 {{id}} 不存在或已停用。',
    'placements.extension_only_station': '只有救助管理站的滞留可以申请延长；当前安置为“$t(placements.kind.{{kind}})”。',
    'placements.no_follow_up_due': '该安置没有待办的返家回访。',
    'placements.case_unknown': '{{field}}：个案 {{id}} 不是该儿童的个案。',
    'placements.return_home_unassessed':
      '该儿童处于国家监护（$t(placements.legal_basis.{{legalBasis}})）之下，须先完成并记录返家评估，评估结论为可以返家后，方可返家。',
    'placements.return_home_not_advised':
      '最近一次返家评估（{{assessedOn}}，{{assessor}}）结论为“暂不宜返家”，不能办理返家。如情况变化，请重新评估。',
    'placements.assessed_in_future': '{{field}}：评估日期 {{assessedOn}} 晚于今天，请填写实际评估日期。',
    'placements.legal_basis.temporary_state_guardianship': '临时监护',
    'placements.legal_basis.long_term_state_guardianship': '长期监护',
    'placements.period': '统计期间 {{from}} 至 {{to}} 无效：结束日期不能早于开始日期，且不超过 {{max}} 天。',
  },
  en: {
    ...prefixed('placements.kind.', kindEn),
    ...prefixed('placements.status.', statusEn),
    ...prefixed('placements.action.', actionEn),
    ...prefixed('placements.level.', levelEn),
    'placements.entity': 'placement',
    'placements.child_entity': 'child',
    'placements.none': 'none',
    'placements.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
    'placements.instant_format': 'Times are written in ISO 8601, e.g. 2026-03-01T14:30:00+08:00.',
    'placements.action_not_allowed':
      'The placement is "$t(placements.status.{{status}})": "$t(placements.action.{{action}})" is not allowed now. Allowed: {{allowed}}.',
    'placements.stale':
      'The placement has moved on (you saw step {{expected}}, it is now at step {{current}}). Look at it again and retry.',
    'placements.own_extension': 'A longer stay must be approved by someone else; you cannot approve your own request.',
    'placements.not_authority':
      'A longer rescue-station stay is approved by civil affairs at {{place}} level or above whose area contains the station; {{organisation}} has no such authority.',
    'placements.already_placed':
      'The child has been placed ("$t(placements.kind.{{kind}})") since {{since}}. A child has one placement at a time: transfer or end the current one.',
    'placements.overlap':
      'The child already has a placement in this period (placements cannot overlap); nothing was saved. Reload to see the current placement.',
    'placements.ends_before_start': '{{field}}: the end {{endedAt}} is before the start {{startedAt}}; correct it.',
    'placements.in_future': '{{field}}: {{at}} is in the future; a placement is recorded once it has happened.',
    'placements.institution_full':
      '"{{name}}" is full: {{occupancy}} children for {{beds}} beds. To place the child there anyway, give the reason.',
    'placements.organisation_required': '{{field}}: a "$t(placements.kind.{{kind}})" placement names the institution.',
    'placements.organisation_kind': '{{field}}: "{{name}}" is not a "$t(placements.kind.{{kind}})".',
    'placements.organisation_unknown': '{{field}}: organisation {{id}} does not exist or is inactive.',
    'placements.extension_only_station':
      'Only a rescue-station stay can be extended; this placement is "$t(placements.kind.{{kind}})".',
    'placements.no_follow_up_due': 'This placement has no follow-up after return home due.',
    'placements.case_unknown': '{{field}}: case {{id}} is not a case of this child.',
    'placements.return_home_unassessed':
      'The child is under state guardianship ($t(placements.legal_basis.{{legalBasis}})): record a return-home assessment finding that the child may go home first.',
    'placements.return_home_not_advised':
      'The latest return-home assessment ({{assessedOn}}, {{assessor}}) found the child should not go home yet. Assess again if things have changed.',
    'placements.assessed_in_future':
      '{{field}}: the assessment date {{assessedOn}} is after today; give the day it was made.',
    'placements.legal_basis.temporary_state_guardianship': 'temporary state guardianship',
    'placements.legal_basis.long_term_state_guardianship': 'long-term state guardianship',
    'placements.period':
      'The period {{from}} to {{to}} is not valid: it ends on or after its start and spans at most {{max}} days.',
  },
});
