import { registerMessages } from '../../platform/i18n/translate.js';

const prefixed = (prefix: string, names: Record<string, string>) =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [`${prefix}${k}`, v]));

registerMessages({
  'zh-CN': {
    ...prefixed('charity.status.', { open: '待匹配', matched: '已匹配', handed_over: '已交付', cancelled: '已撤销' }),
    ...prefixed('charity.action.', { raise: '提出需求', match: '匹配', hand_over: '交付', cancel: '撤销' }),
    'charity.entity': '帮扶需求',
    'charity.need_entity': '帮扶需求',
    'charity.child_entity': '儿童档案',
    'charity.donation_entity': '捐赠',
    'charity.volunteer_entity': '志愿者',
    'charity.order_entity': '家庭教育指导令',
    'charity.session_entity': '指导场次',
    'charity.organisation_entity': '机构',
    'charity.training_entity': '监护人职业技能培训转介',
    'charity.training_transition':
      '培训转介当前为“$t(charity.training.{{status}})”，不能改为“$t(charity.training.{{next}})”。可改为：{{allowed}}。',
    'charity.date_future': '日期 {{date}} 晚于今天。',
    ...prefixed('charity.training.', {
      referred: '已转介',
      enrolled: '已入学',
      completed: '已结业',
      dropped: '已中止',
    }),
    'charity.action_not_allowed':
      '需求当前状态为“$t(charity.status.{{status}})”，不能执行“$t(charity.action.{{action}})”。当前可执行：{{allowed}}。',
    'charity.stale': '需求已有新的办理记录（您看到的是第 {{expected}} 步，当前为第 {{current}} 步）。请刷新后再操作。',
    'charity.date_format': '日期格式应为 YYYY-MM-DD，如 2026-03-01。',
    'charity.fen_integer': '金额以“分”为单位，须为整数。',
    'charity.cash_needs_amount': '资金捐赠须填写金额（分）。',
    'charity.goods_needed': '物资捐赠须写明物资。',
    'charity.donor_name_needed': '请填写捐赠人名称（或选择匿名）。',
    'charity.needs_organisation': '您的账号未归属机构，不能办理。',
    'charity.match_needs_something': '匹配须选择一笔捐赠或一名志愿者。',
    'charity.donation_matched': '该捐赠已匹配给其他需求，不能重复匹配。',
    'charity.volunteer_unchecked': '志愿者“{{name}}”尚无有效的无犯罪记录核查，不能匹配接触儿童的服务。',
    'charity.volunteer_check_expired':
      '志愿者“{{name}}”的无犯罪记录核查已于 {{expiresOn}} 到期，须重新核查后才能匹配。',
    'charity.check_future': '核查日期 {{date}} 晚于今天。',
    'charity.order_future': '指导令日期 {{date}} 晚于今天。',
    'charity.session_future': '指导日期 {{date}} 晚于今天。',
    'charity.session_recorded': '第 {{number}} 次指导已于 {{heldOn}} 记录。',
    'charity.receipt_cash': '资金（元）',
    'charity.activity_entity': '志愿服务活动',
    'charity.activity_outside': '活动地点 {{code}} 不在本机构的服务区域内（或不是有效的行政区划代码）。',
    'charity.activity_ages': '儿童年龄范围的下限不能大于上限。',
    'charity.volunteer_matched': '志愿者“{{name}}”已匹配到该活动，不能重复匹配。',
    'charity.activity_full': '活动名额（{{places}} 人）已满。',
    'charity.volunteer_check_lapses':
      '志愿者“{{name}}”的无犯罪记录核查将于 {{expiresOn}} 到期，早于活动日期 {{heldOn}}，须重新核查后才能匹配。',
    'charity.activity_not_held': '活动日期为 {{heldOn}}，活动结束后才能登记服务时长。',
    'charity.volunteer_not_matched': '该志愿者未匹配到此活动（或重复填写），不能登记时长。',
    'charity.hours_recorded': '志愿者“{{name}}”在此活动的服务时长已登记（{{hours}} 小时）。',
  },
  en: {
    ...prefixed('charity.status.', {
      open: 'Open',
      matched: 'Matched',
      handed_over: 'Handed over',
      cancelled: 'Cancelled',
    }),
    ...prefixed('charity.action.', { raise: 'Raise', match: 'Match', hand_over: 'Hand over', cancel: 'Cancel' }),
    'charity.entity': 'Need',
    'charity.need_entity': 'Need',
    'charity.child_entity': "Child's file",
    'charity.donation_entity': 'Donation',
    'charity.volunteer_entity': 'Volunteer',
    'charity.order_entity': 'Family-education guidance order',
    'charity.session_entity': 'Guidance session',
    'charity.organisation_entity': 'Organisation',
    'charity.training_entity': "Guardian's vocational-training referral",
    'charity.training_transition':
      'The training referral is "$t(charity.training.{{status}})": it cannot become "$t(charity.training.{{next}})". Possible: {{allowed}}.',
    'charity.date_future': 'The date {{date}} is after today.',
    ...prefixed('charity.training.', {
      referred: 'Referred',
      enrolled: 'Enrolled',
      completed: 'Completed',
      dropped: 'Dropped out',
    }),
    'charity.action_not_allowed':
      'The need is "$t(charity.status.{{status}})": "$t(charity.action.{{action}})" is not possible. Possible now: {{allowed}}.',
    'charity.stale':
      'The need has changed (you saw step {{expected}}, it is now at step {{current}}). Reload and try again.',
    'charity.date_format': 'Dates are written YYYY-MM-DD, e.g. 2026-03-01.',
    'charity.fen_integer': 'Amounts are whole numbers of fen.',
    'charity.cash_needs_amount': 'A gift of money needs its amount (fen).',
    'charity.goods_needed': 'A gift of goods needs the goods named.',
    'charity.donor_name_needed': "Give the donor's name (or choose anonymous).",
    'charity.needs_organisation': 'Your account belongs to no organisation.',
    'charity.match_needs_something': 'Choose a donation or a volunteer to match.',
    'charity.donation_matched': 'This donation is already matched to another need; it cannot be matched twice.',
    'charity.volunteer_unchecked':
      'Volunteer "{{name}}" has no valid criminal-record check and cannot be matched to work with children.',
    'charity.volunteer_check_expired':
      'The criminal-record check of volunteer "{{name}}" expired on {{expiresOn}}; renew it before matching.',
    'charity.check_future': 'The check date {{date}} is after today.',
    'charity.order_future': 'The order date {{date}} is after today.',
    'charity.session_future': 'The session date {{date}} is after today.',
    'charity.session_recorded': 'Session {{number}} was recorded on {{heldOn}}.',
    'charity.receipt_cash': 'Money (yuan)',
    'charity.activity_entity': 'Volunteer activity',
    'charity.activity_outside':
      "The place {{code}} is outside your organisation's area (or is not a valid division code).",
    'charity.activity_ages': "The children's youngest age cannot be above the oldest.",
    'charity.volunteer_matched': 'Volunteer "{{name}}" is already matched to this activity; not twice.',
    'charity.activity_full': 'The activity is full ({{places}} places).',
    'charity.volunteer_check_lapses':
      'The criminal-record check of volunteer "{{name}}" expires on {{expiresOn}}, before the activity on {{heldOn}}; renew it before matching.',
    'charity.activity_not_held': 'The activity is on {{heldOn}}: hours are recorded after it.',
    'charity.volunteer_not_matched': 'This volunteer is not matched to the activity (or is listed twice): no hours.',
    'charity.hours_recorded': 'The hours of volunteer "{{name}}" at this activity are already recorded ({{hours}}).',
  },
});
