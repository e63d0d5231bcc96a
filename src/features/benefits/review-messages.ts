import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'benefits.review_entity': '待遇复核',
    'benefits.review.open': '待复核',
    'benefits.review.ended': '已停发',
    'benefits.review.kept': '继续发放',
    'benefits.review_decided': '这项复核已处理（{{status}}），不能再次处理。',
    'benefits.review_date': '停发日期 {{date}} 应不晚于今天（{{today}}），且不早于申请收件日期。',
    'benefits.applicant_from_roll': '{{department}}名单（数据比对）',
  },
  en: {
    'benefits.review_entity': 'benefit review',
    'benefits.review.open': 'to review',
    'benefits.review.ended': 'ended',
    'benefits.review.kept': 'kept',
    'benefits.review_decided': 'This review was already decided ({{status}}).',
    'benefits.review_date':
      'The end date {{date}} must not be after today ({{today}}) nor before the day the application was received.',
    'benefits.applicant_from_roll': '{{department}} roll (data matching)',
  },
});
