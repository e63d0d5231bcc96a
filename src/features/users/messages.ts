import { registerMessages } from '../../platform/i18n/translate.js';

registerMessages({
  'zh-CN': {
    'users.username_taken': '用户名“{{username}}”已被使用，请换一个。',
    'users.unknown_organisation': '所属单位不存在：{{organisationId}}',
    'users.unknown_role': '没有这个角色：{{role}}',
    'users.jurisdiction_outside_organisation':
      '管辖范围（{{jurisdiction}}）必须在所属单位的辖区（{{organisationDivision}}）之内。',
    'users.outside_your_jurisdiction': '只能管理您辖区内的用户和单位。',
    'users.invalid_division': '行政区划代码不正确：{{code}}（应为 12 位统计用区划代码）。',
    'users.own_roles': '不能更改自己的角色，须由另一名管理员办理。',
    'users.own_grant': '授权申请须由他人审批，申请人不能批准或驳回自己的申请。',
    'users.grant_needs_person': '授权申请须由登录的工作人员审批，不能用接口令牌审批。',
    'users.grant_needs_approver': '审批此类授权需要“审批可查看儿童档案的角色授权”权限。',
    'users.grant_beyond_own_access': '只能批准自己也拥有的儿童档案访问权限（角色：{{role}}）。',
    'users.grant_decided': '这项授权申请已经处理过了，请刷新页面。',
    'users.not_your_grant': '只能撤回自己提出的授权申请。',
    'tokens.unknown_scope': '没有这个权限：{{scope}}',
    'tokens.scope_not_held': '令牌不能拥有您自己没有的权限（{{scope}}）。',
    'tokens.cannot_mint':
      '此接口令牌不能创建新令牌。请由有权限的人员登录后创建，或使用一个创建时被允许签发令牌的令牌。',
  },
  en: {
    'users.username_taken': 'The username “{{username}}” is taken; choose another.',
    'users.unknown_organisation': 'No such organisation: {{organisationId}}',
    'users.unknown_role': 'No such role: {{role}}',
    'users.jurisdiction_outside_organisation':
      "The jurisdiction ({{jurisdiction}}) must lie within the organisation's area ({{organisationDivision}}).",
    'users.outside_your_jurisdiction': 'You can only manage users and organisations within your own jurisdiction.',
    'users.invalid_division': 'Invalid division code: {{code}} (12-digit statistical code expected).',
    'users.own_roles': 'You cannot change your own roles; another administrator must do it.',
    'users.own_grant': 'A role grant must be decided by someone else; you cannot approve or reject your own request.',
    'users.grant_needs_person': 'A role grant is decided by a signed-in person, not by an API token.',
    'users.grant_needs_approver':
      "Deciding this grant needs the permission to approve grants of roles that read children's files.",
    'users.grant_beyond_own_access':
      "You can only approve access to children's files that you hold yourself (role: {{role}}).",
    'users.grant_decided': 'This grant request has already been decided; reload the page.',
    'users.not_your_grant': 'You can only withdraw a grant request you made.',
    'tokens.unknown_scope': 'No such permission: {{scope}}',
    'tokens.scope_not_held': 'A token cannot carry a permission you do not hold ({{scope}}).',
    'tokens.cannot_mint':
      'This API token cannot create tokens. Ask a signed-in person with the permission, or use a token that was allowed to mint tokens when it was created.',
  },
});
