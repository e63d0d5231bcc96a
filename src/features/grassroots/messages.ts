import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'grassroots.entity': '名册人员',
    'grassroots.training_entity': '培训记录',
    'grassroots.attendee_unknown': '第 {{index}} 位参训人员不在名册中或不在您的管辖范围内。',
    'grassroots.child_entity': '儿童档案',
    'grassroots.reason_required': '请填写理由。',
    'grassroots.place_unfit':
      '区划 {{code}} 不适合该岗位：儿童主任须对应村（社区）级区划，督导员须对应乡镇（街道）级区划。',
    'grassroots.place_outside': '区划 {{code}} 不在您的管辖范围内。',
    'grassroots.organisation_unknown': '所属单位 {{id}} 不存在、已停用或不在您的管辖范围内。',
    'grassroots.user_elsewhere': '所关联的账号不属于该单位。',
    'grassroots.already_on_roster': '该账号已在名册中担任此岗位。',
    'grassroots.date_future': '日期 {{date}} 晚于今天。',
    'grassroots.removal_date': '免职日期 {{date}} 不能晚于今天，也不能早于任职日期。',
    'grassroots.staff_removed': '{{name}} 已从名册中免职，不能再修改。',
    'grassroots.assignment_changed': '该儿童的负责儿童主任已被他人调整，请刷新后再操作。',
    'grassroots.director_unknown': '所选儿童主任不存在、已免职或不在您的管辖范围内。',
    'grassroots.supervision_village': '区划 {{code}} 不是 {{name}} 负责的村（社区），请选择其负责的村。',
    'grassroots.supervision_follow_up_missing': '填写了整改期限（{{date}}），请同时填写整改要求。',
    'grassroots.supervision_follow_up_early': '整改期限 {{date}} 早于督导日期（{{checkedOn}}）。',
    'grassroots.supervision_entity': '督导记录',
    'grassroots.follow_up_none': '这条督导记录没有提出整改要求，无需登记整改完成。',
    'grassroots.follow_up_done': '这条督导记录的整改已于 {{on}} 登记完成。',
    'grassroots.follow_up_before_check': '整改完成日期 {{date}} 早于督导日期（{{checkedOn}}）。',
  },
  en: {
    'grassroots.training_entity': 'training session',
    'grassroots.attendee_unknown': 'Attendee {{index}} is not on the roster of your area.',
    'grassroots.entity': 'roster entry',
    'grassroots.supervision_village':
      'Division {{code}} is not a village {{name}} covers: choose one of the director’s villages.',
    'grassroots.supervision_follow_up_missing':
      'A follow-up date ({{date}}) was given without the follow-up asked for: describe it.',
    'grassroots.supervision_follow_up_early': 'The follow-up date {{date}} is before the check ({{checkedOn}}).',
    'grassroots.supervision_entity': 'supervision log entry',
    'grassroots.follow_up_none': 'This check asked for no follow-up, so there is none to record as done.',
    'grassroots.follow_up_done': 'The follow-up of this check was already recorded done on {{on}}.',
    'grassroots.follow_up_before_check':
      'The follow-up was done on {{date}}, before the check ({{checkedOn}}): correct the date.',
    'grassroots.child_entity': 'child',
    'grassroots.reason_required': 'Give a reason.',
    'grassroots.place_unfit':
      'Division {{code}} does not fit the post: a director covers villages (communities), a supervisor a township (street).',
    'grassroots.place_outside': 'Division {{code}} is outside your jurisdiction.',
    'grassroots.organisation_unknown':
      'Organisation {{id}} does not exist, is inactive or is outside your jurisdiction.',
    'grassroots.user_elsewhere': 'The linked account does not belong to this organisation.',
    'grassroots.already_on_roster': 'This account already holds this post on the roster.',
    'grassroots.date_future': 'The date {{date}} is after today.',
    'grassroots.removal_date': 'The removal date {{date}} may be neither after today nor before the appointment.',
    'grassroots.staff_removed': '{{name}} has been removed from the roster and can no longer be changed.',
    'grassroots.assignment_changed':
      "Someone else has changed this child's responsible director: reload and try again.",
    'grassroots.director_unknown': 'The director chosen does not exist, was removed or is outside your jurisdiction.',
  },
});
