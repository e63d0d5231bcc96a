import { registerMessages } from '../../platform/i18n/translate.js';
import { organisationKindCodes, organisationKinds } from '../../contract/organisations/kinds.js';

// Kind names are messages too, so an error can name a kind with $t(organisations.kind.{{kind}}).
const kindNames = (language: 'zh' | 'en') =>
  Object.fromEntries(
    organisationKindCodes.map((kind) => [`organisations.kind.${kind}`, organisationKinds[kind][language]]),
  );

registerMessages({
  'zh-CN': {
    ...kindNames('zh'),
    'organisations.entity': '组织机构',
    'organisations.division_format': '区划代码应为 12 位有效的统计用区划代码，如 421002000000。',
    'organisations.date_format': '日期格式应为 YYYY-MM-DD，如 2025-01-01。',
    'organisations.phone_format': '电话号码只能包含数字、空格和 + - ( )，3 至 30 位。',
    'organisations.division_unknown': '字段 {{field}} 中的区划 {{code}} 不存在或已撤销，请选择一个现行的行政区划。',
    'organisations.parent_unknown': '字段 {{field}} 中的上级组织 {{id}} 不存在。',
    'organisations.organisation_unknown': '字段 {{field}} 中的组织 {{id}} 不存在。',
    'organisations.coverage_level': '字段 {{field}}：请选择省、市或县级区划（{{code}} 级别过低），覆盖情况按县统计。',
    'organisations.parent_cycle':
      '字段 {{field}}：不能把组织 {{id}} 设为本组织的上级，因为它本身就是本组织的下级（或就是本组织），上下级关系会形成循环。',
    'organisations.beds_required':
      '字段 {{field}}：“$t(organisations.kind.{{kind}})”收住儿童，必须填写床位数（0 或以上）。',
    'organisations.beds_not_allowed':
      '字段 {{field}}：“$t(organisations.kind.{{kind}})”不收住儿童，不能填写床位数；只有救助管理站、未成年人救助保护中心和儿童福利院登记床位。',
    'organisations.outside_jurisdiction': '区划 {{division}} 不在您的管辖范围内，您只能登记或修改本辖区内的组织机构。',
    'organisations.lead_level': '字段 {{field}}：区划 {{code}} 不是市级或县级区划，只能为市、县（区）指定牵头部门。',
    'organisations.lead_kind':
      '字段 {{field}}：“$t(organisations.kind.{{kind}})”不能牵头未成年人保护工作，只有民政局或妇女儿童工作委员会可以。',
    'organisations.lead_outside_area':
      '字段 {{field}}：该组织位于区划 {{organisationDivision}}，不在 {{division}} 范围内，不能牵头该地的工作。',
    'organisations.lead_inactive': '字段 {{field}}：该组织已停用，不能牵头。',
    'organisations.lead_too_early':
      '字段 {{field}}：开始日期 {{validFrom}} 早于现有记录（须不早于 {{earliest}}）；历史记录不能改写。',
    'organisations.lead_nothing_to_clear':
      '区划 {{division}} 当前没有指定的牵头部门，无需撤销（未指定时默认由民政部门牵头）。',
    'organisations.lead_still_leading':
      '该组织仍是 {{divisions}} 的牵头部门，请先为这些地区指定其他牵头部门或撤销指定，再停用。',
  },
  en: {
    ...kindNames('en'),
    'organisations.entity': 'organisation',
    'organisations.division_format': 'A division code is a valid 12-digit statistical code, such as 421002000000.',
    'organisations.date_format': 'Dates are written YYYY-MM-DD, such as 2025-01-01.',
    'organisations.phone_format': 'A phone number has 3 to 30 digits, spaces and + - ( ) only.',
    'organisations.division_unknown':
      'The division {{code}} in {{field}} does not exist or is no longer current; choose a current division.',
    'organisations.parent_unknown': 'The parent organisation {{id}} in {{field}} does not exist.',
    'organisations.organisation_unknown': 'The organisation {{id}} in {{field}} does not exist.',
    'organisations.coverage_level':
      '{{field}}: choose a province, city or county ({{code}} is below county level); coverage is counted per county.',
    'organisations.parent_cycle':
      '{{field}}: organisation {{id}} cannot be the parent, because it is this organisation or one of its own subordinates; the hierarchy would loop.',
    'organisations.beds_required':
      '{{field}}: a “$t(organisations.kind.{{kind}})” shelters children, so its number of beds (0 or more) is required.',
    'organisations.beds_not_allowed':
      '{{field}}: a “$t(organisations.kind.{{kind}})” does not shelter children, so it has no beds; only rescue stations, minor protection centres and child welfare homes record beds.',
    'organisations.outside_jurisdiction':
      'Division {{division}} is outside your jurisdiction; you may only register or change organisations inside it.',
    'organisations.lead_level':
      '{{field}}: {{code}} is not a city or county; a lead agency is named for a city or a county only.',
    'organisations.lead_kind':
      '{{field}}: a “$t(organisations.kind.{{kind}})” cannot lead child protection; only a civil affairs bureau or a women and children’s work committee can.',
    'organisations.lead_outside_area':
      '{{field}}: the organisation sits in {{organisationDivision}}, outside {{division}}, so it cannot lead there.',
    'organisations.lead_inactive': '{{field}}: the organisation is deactivated and cannot lead.',
    'organisations.lead_too_early':
      '{{field}}: the start date {{validFrom}} is before the recorded history (it must be {{earliest}} or later); history is not rewritten.',
    'organisations.lead_nothing_to_clear':
      'No lead agency is assigned in {{division}}, so there is nothing to clear (without one, civil affairs leads by default).',
    'organisations.lead_still_leading':
      'This organisation still leads child protection in {{divisions}}; name another lead or clear the assignment there before deactivating it.',
  },
});
