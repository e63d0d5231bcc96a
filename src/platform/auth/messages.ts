import { registerMessages } from '../i18n/translate.js';

registerMessages({
  'zh-CN': {
    sign_in_failed: '用户名或密码不正确，或账号暂时不能登录。多次失败后账号会被暂时锁定；如需帮助请联系管理员。',
    too_many_attempts: '此网络地址的登录失败次数过多，请 15 分钟后再试。',
    csrf_failed: '页面已过期（安全校验未通过），请刷新页面后重试。',
    sign_in_incomplete: '请先完成登录步骤：{{step}}。',
    token_invalid: '接口令牌无效、已过期或已被撤销。',
    totp_invalid: '动态验证码不正确或已使用，请输入验证器中最新的 6 位数字，或使用一个恢复码。',
    totp_not_started: '请先开始绑定验证器。',
    password_wrong: '当前密码不正确。',
    password_rejected: '新密码不符合要求：{{problems}}',
    'password.too_short': '至少 10 个字符',
    'password.contains_identity': '不能包含用户名、姓名或手机号',
    'password.common': '太常见或太容易猜到，请换一个更长、更不规则的密码',
  },
  en: {
    sign_in_failed:
      'Wrong username or password, or the account cannot sign in right now. Accounts are locked for a while after repeated failures; ask an administrator for help.',
    too_many_attempts: 'Too many failed sign-ins from this network address; try again in 15 minutes.',
    csrf_failed: 'The page has expired (security check failed); reload it and try again.',
    sign_in_incomplete: 'Finish signing in first: {{step}}.',
    token_invalid: 'The API token is invalid, expired or revoked.',
    totp_invalid:
      'The verification code is wrong or already used; enter the newest 6-digit code from your authenticator, or a recovery code.',
    totp_not_started: 'Start the authenticator set-up first.',
    password_wrong: 'The current password is wrong.',
    password_rejected: 'The new password does not meet the rules: {{problems}}',
    'password.too_short': 'at least 10 characters',
    'password.contains_identity': 'must not contain the username, name or phone number',
    'password.common': 'too common or too easy to guess; choose a longer, less regular password',
  },
});
