import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'registry.child_not_active': '该儿童档案状态为“$t(registry.status.{{status}})”，不能办理退出。',
    'registry.exit_before_birth': '退出日期 {{exitedOn}} 早于出生日期。',
    'registry.identity_already_confirmed': '该儿童（{{havenCode}}）已登记身份证号，身份已确认，无需再次确认。',
  },
  en: {
    'registry.child_not_active':
      'The file is "$t(registry.status.{{status}})": the child cannot leave the registry again.',
    'registry.exit_before_birth': 'The exit date {{exitedOn}} is before the birth date.',
    'registry.identity_already_confirmed':
      'The child ({{havenCode}}) already has an ID number: the identity is confirmed already.',
  },
});
