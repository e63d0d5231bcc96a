import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'users.username_taken': '用户名“{{username}}”已被使用，请换一个。',
    'users.unknown_organisation': '所属单位不存在：{{organisationId}}',
    'users.unknown_role': '没有这个角色：{{role}}',
    'users.jurisdiction_outside_organisation': '管辖范围（{{jurisdiction}}）必须在所属单位的辖区（{{organisationDivision}}）之内。',
    'users.outside_your_jurisdiction': '只能管理您辖区内的用户和单位。',
    'users.invalid_division': '行政区划代码不正确：{{code}}（应为 12 位统计用区划代码）。',
    'tokens.unknown_scope': '没有这个权限：{{scope}}',
    'tokens.scope_not_held': '令牌不能拥有您自己没有的权限（{{scope}}）。',
    'tokens.cannot_mint': '此接口令牌不能创建新令牌。请由有权限的人员登录后创建，或使用一个创建时被允许签发令牌的令牌。',
  },
  en: {
    'users.username_taken': 'The username “{{username}}” is taken; choose another.',
    'users.unknown_organisation': 'No such organisation: {{organisationId}}',
    'users.unknown_role': 'No such role: {{role}}',
    'users.jurisdiction_outside_organisation': "The jurisdiction ({{jurisdiction}}) must lie within the organisation's area ({{organisationDivision}}).",
    'users.outside_your_jurisdiction': 'You can only manage users and organisations within your own jurisdiction.',
    'users.invalid_division': 'Invalid division code: {{code}} (12-digit statistical code expected).',
    'tokens.unknown_scope': 'No such permission: {{scope}}',
    'tokens.scope_not_held': 'A token cannot carry a permission you do not hold ({{scope}}).',
    'tokens.cannot_mint': 'This API token cannot create tokens. Ask a signed-in person with the permission, or use a token that was allowed to mint tokens when it was created.',
  },
});
