import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'households.entity': '家庭户',
    'households.child_entity': '儿童档案',
    'households.member_entity': '家庭成员',
    'households.child_inactive': '儿童 {{name}} 的档案已不在册，不能加入家庭户。',
    'households.already_linked': '儿童 {{name}} 已属于另一个家庭户；请先在那里办理离户，或把其他儿童加入该户。',
    'households.places_differ': '这些儿童的居住地不同（{{places}}），不能登记为同一家庭户。',
    'households.not_proposed':
      '这些儿童没有共同的监护人和相同的居住地，系统没有提出关联建议；如确属同一家庭，请选择“工作人员认定”并写明依据。',
    'households.note_required': '工作人员认定同一家庭户时，请写明依据（例如户口簿、入户核实）。',
    'households.child_not_member': '儿童 {{childId}} 不属于该家庭户。',
    'households.member_not_shared': '家庭成员 {{memberId}} 不在该户儿童的档案中。',
  },
  en: {
    'households.entity': 'household',
    'households.child_entity': 'child',
    'households.member_entity': 'family member',
    'households.child_inactive': "{{name}}'s file is no longer on the register and cannot join a household.",
    'households.already_linked':
      '{{name}} already belongs to another household: leave that one first, or add the other children to it.',
    'households.places_differ': 'These children live in different places ({{places}}) and cannot be one household.',
    'households.not_proposed':
      'These children share no guardian and place, so Haven did not propose linking them; if they are one family, choose "officer\'s judgement" and give the grounds.',
    'households.note_required':
      "An officer's judgement that the children are one household needs its grounds (household register, a visit).",
    'households.child_not_member': 'Child {{childId}} is not in this household.',
    'households.member_not_shared': 'Family member {{memberId}} is not on the file of a child of this household.',
  },
});
