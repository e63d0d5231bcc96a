import { registerMessages } from '../../platform/i18n/translate.js';

const departmentZh = {
  public_security: '公安',
  justice: '司法行政',
  health: '卫生健康',
  education: '教育',
  disabled_persons_federation: '残联',
  social_assistance: '社会救助',
};
const levelZh = { certain: '确定（身份证号）', strong: '较强', weak: '较弱', ambiguous: '有多个可能' };
const levelEn = { certain: 'certain (ID number)', strong: 'strong', weak: 'weak', ambiguous: 'ambiguous' };
const sheetZh = {
  file: '文件',
  invalid: '无效行',
  unmatched: '未匹配行',
  row: '行号',
  name: '姓名',
  idNumber: '身份证号（脱敏）',
  column: '列',
  reason: '原因',
};
const sheetEn = {
  file: 'File',
  invalid: 'Invalid rows',
  unmatched: 'Unmatched rows',
  row: 'Row',
  name: 'Name',
  idNumber: 'ID number (masked)',
  column: 'Column',
  reason: 'Reason',
};
const departmentEn = {
  public_security: 'Public security',
  justice: 'Justice',
  health: 'Health',
  education: 'Education',
  disabled_persons_federation: "Disabled persons' federation",
  social_assistance: 'Social assistance',
};
const columnZh = {
  idNumber: '身份证号',
  name: '姓名',
  since: '起始日期',
  until: '结束日期',
  grade: '等级/年级',
  disabilityType: '残疾类别',
  detail: '学校/疾病/证号/区划代码',
  place: '场所',
  birthDate: '出生日期',
  division: '所在地（区划代码或村名）',
  assistance: '救助类别（低保/特困）',
  change: '变动类型（新增/退出）',
};
const columnEn = {
  idNumber: 'ID number',
  name: 'name',
  since: 'since',
  until: 'until',
  grade: 'grade',
  disabilityType: 'disability type',
  detail: 'school / illness / certificate / division code',
  place: 'place',
  birthDate: 'birth date',
  division: 'place (division code or name)',
  assistance: 'assistance (dibao / tekun)',
  change: 'change (entered / left)',
};
const prefixed = (prefix: string, entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).map(([key, value]) => [`${prefix}${key}`, value]));

registerMessages({
  'zh-CN': {
    ...prefixed('rolls.department.', departmentZh),
    ...prefixed('rolls.column.', columnZh),
    ...prefixed('rolls.level.', levelZh),
    ...prefixed('rolls.sheet.', sheetZh),
    'rolls.id_or_name_missing': '缺少身份证号，也没有姓名',
    'rolls.birth_date_missing': '没有身份证号时需要出生日期才能按姓名比对',
    'rolls.division_missing': '没有身份证号时需要所在地区划代码才能按姓名比对',
    'rolls.mapping_invalid': '列对应关系格式不正确。',
    'rolls.assistance_unreadable': '救助类别应为低保或特困',
    'rolls.change_unreadable': '变动类型无法识别（应为新增、在保或退出、停保）',
    'rolls.place_unknown': '在您的辖区内找不到名为“{{name}}”的村（社区）或乡镇',
    'rolls.match_unconfirmed': '这条建议的匹配程度为“{{level}}”，请先确认名单上的人就是这名儿童（或其家人）再采纳。',
    'rolls.other_candidate_chosen': '同一行已确认为另一名儿童',
    'rolls.apply_needs_accepted': '只有已采纳的建议才能据此发起待遇申请（这条建议：{{status}}）。',
    'rolls.entity': '档案变更建议',
    'rolls.roll_entity': '部门名单',
    'rolls.needs_organisation': '只有组织机构的工作人员可以导入部门名单。',
    'rolls.kind_not_of_department': '“{{department}}”不报送这类名单。',
    'rolls.no_header': '在工作表“{{sheet}}”的前 20 行中没有找到含“身份证号”或“姓名”的表头。',
    'rolls.missing_columns': '这类名单需要以下列：{{columns}}。',
    'rolls.empty': '文件中没有数据行。',
    'rolls.id_missing': '缺少身份证号',
    'rolls.id_as_number': '身份证号被表格存成了数字，末几位已丢失；请把该列设为文本后重新导出',
    'rolls.date_unreadable': '日期无法识别',
    'rolls.until_before_since': '结束日期早于起始日期',
    'rolls.division_code_invalid': '区划代码应为 12 位数字',
    'rolls.grade_missing': '缺少残疾等级（一至四级）',
    'rolls.detail_missing': '缺少学校名称或疾病名称',
    'rolls.unmatched': '本辖区内没有与这一行相符的儿童（或其父母）档案',
    'rolls.proposal_decided': '这条建议已处理（{{status}}），不能再次处理。',
    'rolls.proposal_stale': '这条建议已变化（您看到第 {{expected}} 版，现在是第 {{current}} 版），请刷新后再处理。',
    'rolls.member_gone': '建议所指的家庭成员已不在档案中。',
    'rolls.reason': '据{{department}}名单（截至 {{asOf}}，{{fileName}} 第 {{row}} 行）',
  },
  en: {
    ...prefixed('rolls.department.', departmentEn),
    ...prefixed('rolls.column.', columnEn),
    ...prefixed('rolls.level.', levelEn),
    ...prefixed('rolls.sheet.', sheetEn),
    'rolls.id_or_name_missing': 'there is neither an ID number nor a name',
    'rolls.birth_date_missing': 'without an ID number the birth date is needed to match by name',
    'rolls.division_missing': 'without an ID number the division code is needed to match by name',
    'rolls.mapping_invalid': 'The column mapping is not valid.',
    'rolls.assistance_unreadable': 'the assistance should be dibao (低保) or tekun (特困)',
    'rolls.change_unreadable': 'the change cannot be read (entered, continuing, left or stopped)',
    'rolls.place_unknown': 'no village or township called "{{name}}" is in your area',
    'rolls.match_unconfirmed':
      "This proposal's match is {{level}}: confirm that the person on the roll is this child (or family member) before accepting it.",
    'rolls.other_candidate_chosen': 'the same row was confirmed as another child',
    'rolls.apply_needs_accepted': 'Only an accepted proposal can open a benefit application (this one: {{status}}).',
    'rolls.entity': 'proposed fact change',
    'rolls.roll_entity': 'department roll',
    'rolls.needs_organisation': "Only an organisation's staff can upload department rolls.",
    'rolls.kind_not_of_department': '"{{department}}" does not send this kind of roll.',
    'rolls.no_header':
      'No header with an ID number or name column was found in the first 20 rows of sheet "{{sheet}}".',
    'rolls.missing_columns': 'This kind of roll needs these columns: {{columns}}.',
    'rolls.empty': 'The file has no data rows.',
    'rolls.id_missing': 'the ID number is missing',
    'rolls.id_as_number':
      'the ID number was stored as a number and its last digits are lost; format the column as text and export again',
    'rolls.date_unreadable': 'the date cannot be read',
    'rolls.until_before_since': 'the end date is before the start date',
    'rolls.division_code_invalid': 'a division code has 12 digits',
    'rolls.grade_missing': 'the disability grade (1 to 4) is missing',
    'rolls.detail_missing': 'the school or illness is missing',
    'rolls.unmatched': 'no file in your area fits this row (as a child or a parent)',
    'rolls.proposal_decided': 'This proposal was already decided ({{status}}).',
    'rolls.proposal_stale':
      'This proposal has changed (you saw version {{expected}}, it is now {{current}}); reload it and decide again.',
    'rolls.member_gone': 'The family member the proposal names is no longer on the file.',
    'rolls.reason': 'From the {{department}} roll (as of {{asOf}}, {{fileName}} row {{row}})',
  },
});

registerMessages({
  'zh-CN': { 'rolls.status.proposed': '待审核', 'rolls.status.accepted': '已采纳', 'rolls.status.rejected': '已驳回' },
  en: {
    'rolls.status.proposed': 'to review',
    'rolls.status.accepted': 'accepted',
    'rolls.status.rejected': 'rejected',
  },
});
