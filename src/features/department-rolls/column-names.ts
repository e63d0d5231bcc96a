import type { RollColumn } from '../../contract/department-rolls/vocabulary.js';

/*
 * A roll's columns (pure). Departments name them many ways; each header is compared after folding
 * spaces, full-width forms, asterisks and trailing colons, like the ledger's.
 */
const variants: Record<RollColumn, readonly string[]> = {
  idNumber: [
    '身份证号码',
    '身份证号',
    '公民身份号码',
    '证件号码',
    '身份证件号码',
    '服刑人员身份证号',
    '戒毒人员身份证号',
    '学生身份证号',
    '儿童身份证号',
    '死者身份证号',
    '成员身份证号',
    '保障对象身份证号',
    'idnumber',
    'id',
  ],
  name: [
    '姓名',
    '服刑人员姓名',
    '戒毒人员姓名',
    '学生姓名',
    '儿童姓名',
    '死者姓名',
    '死亡人员姓名',
    '成员姓名',
    '保障对象姓名',
    'name',
  ],
  since: [
    '起始日期',
    '开始日期',
    '入监日期',
    '入狱日期',
    '收监日期',
    '刑期起日',
    '入所日期',
    '辍学日期',
    '发证日期',
    '死亡日期',
    '注销日期',
    '纳入日期',
    '审批日期',
    '享受起始日期',
    'since',
    'from',
  ],
  until: [
    '结束日期',
    '刑期止日',
    '刑满日期',
    '预计释放日期',
    '出所日期',
    '期满日期',
    '退出日期',
    '释放日期',
    '解除日期',
    '停保日期',
    '终止日期',
    'until',
    'to',
  ],
  grade: ['残疾等级', '等级', '年级', 'grade'],
  disabilityType: ['残疾类别', '残疾类型', 'disabilitytype'],
  detail: [
    '学校',
    '学校名称',
    '就读学校',
    '疾病名称',
    '病种',
    '残疾证号',
    '迁入地区划代码',
    '现户籍地区划代码',
    '户籍地区划代码',
    'school',
    'illness',
    'certificate',
    'hukoucode',
  ],
  place: ['服刑场所', '监狱名称', '戒毒场所', '场所', 'place'],
  birthDate: ['出生日期', '出生年月日', '生日', 'birthdate', 'dateofbirth'],
  division: [
    '所在地区划代码',
    '村居区划代码',
    '所在村（社区）代码',
    '区划代码',
    '行政区划代码',
    '居住地区划代码',
    '所在村（社区）',
    '村（社区）',
    '所在地',
    '户籍地',
    '居住地',
    'division',
    'divisioncode',
    'place name',
  ],
  assistance: ['救助类别', '保障类别', '救助类型', '保障类型', '供养类型', '低保/特困', 'assistance'],
  change: ['变动类型', '变动情况', '变更类型', '保障状态', '在保状态', '状态', 'change', 'status'],
};

export const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*：:_（）()]/g, '');

export const lookup = new Map<string, RollColumn>(
  Object.entries(variants).flatMap(([column, names]) => names.map((name) => [fold(name), column as RollColumn])),
);
