import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'visits.entity': '入户随访记录',
    'visits.child_entity': '儿童档案',
    'visits.date_future': '随访日期 {{date}} 晚于今天（{{today}}），请填写实际入户的日期。',
    'visits.date_before_registration': '随访日期 {{date}} 早于该儿童的建档日期（{{registered}}）。',
    'visits.contact_after_visit': '与父母最近联系日期 {{date}} 晚于随访日期（{{visitedOn}}）。',
    'visits.not_responsible':
      '您不是该儿童的负责人，不能记录随访。负责的儿童主任：{{director}}；如需调整请联系县级民政部门。',
    'visits.child_inactive': '该儿童档案已不在册，不再安排随访。',
    'visits.offline_needs_session': '离线加密密钥只发给浏览器登录会话，API 令牌不能取得。',
    'visits.visited_meanwhile':
      '在您填写期间，{{visitorName}} 已记录了该儿童 {{visitedOn}} 的随访。请对照两份记录，选择保留两份、合并到对方记录或放弃您的记录。',
    'visits.facts_changed':
      '在您离线期间，该儿童档案中的 {{fields}} 已被修改。请逐项对照您看到的和现在的情况，选择后再保存。',
    'visits.fact.school': '学校',
    'visits.fact.grade': '年级',
    'visits.fact.guardians': '监护人',
    'visits.fact.carer': '委托照护人',
    'visits.fact.riskGrade': '风险等级',
    'visits.entrusted_entity': '委托照护记录',
    'visits.entrusted_not_left_behind': '该儿童没有已确认的"留守儿童"类别，不登记委托照护；请先在档案中确认类别。',
    'visits.entrusted_exists': '该儿童已有在册的委托照护人（{{carer}}）。如需更换，请先结束现有委托。',
    'visits.entrusted_ended': '该委托照护已于 {{endedOn}} 结束，不能再修改或记录联系。',
    'visits.entrusted_end_before_start': '结束日期 {{date}} 早于委托开始日期（{{startedOn}}）。',
    'visits.entrusted_contact_before_start': '联系日期 {{date}} 早于委托开始日期（{{startedOn}}）。',
  },
  en: {
    'visits.entity': 'home visit',
    'visits.child_entity': 'child',
    'visits.date_future': 'The visit date {{date}} is after today ({{today}}): give the day of the visit.',
    'visits.date_before_registration': "The visit date {{date}} is before the child's registration ({{registered}}).",
    'visits.contact_after_visit': 'The last contact with the parents, {{date}}, is after the visit ({{visitedOn}}).',
    'visits.not_responsible':
      "You are not responsible for this child and cannot record its visits. Its director: {{director}}; ask the county's civil affairs to reassign.",
    'visits.child_inactive': 'This child is no longer on the register: no visits are scheduled.',
    'visits.offline_needs_session':
      'The key that seals offline visits is given to browser sign-in sessions only, not to API tokens.',
    'visits.visited_meanwhile':
      'While you were filling in the form, {{visitorName}} recorded a visit of this child on {{visitedOn}}. Compare the two and keep both, merge yours into theirs, or discard yours.',
    'visits.facts_changed':
      "While you were offline, the child's file changed: {{fields}}. Compare what you saw with what it says now, field by field, choose, and save again.",
    'visits.fact.school': 'school',
    'visits.fact.grade': 'grade',
    'visits.fact.guardians': 'guardians',
    'visits.fact.carer': 'entrusted carer',
    'visits.fact.riskGrade': 'risk grade',
    'visits.entrusted_entity': 'entrusted care',
    'visits.entrusted_not_left_behind':
      'This child has no confirmed "left-behind" category: entrusted care is not recorded. Confirm the category on the file first.',
    'visits.entrusted_exists':
      'This child already has an entrusted carer ({{carer}}). End that care before recording another.',
    'visits.entrusted_ended':
      'This entrusted care ended on {{endedOn}}: it can no longer be changed nor take contacts.',
    'visits.entrusted_end_before_start': 'The end date {{date}} is before the care began ({{startedOn}}).',
    'visits.entrusted_contact_before_start': 'The contact date {{date}} is before the care began ({{startedOn}}).',
  },
});
