import { registerMessages } from '../../../platform/i18n/translate.js';
import type { DuplicateReasonCode } from './rules.js';

const reasons: Record<DuplicateReasonCode, { zh: string; en: string }> = {
  same_id_number: { zh: '身份证号相同', en: 'Same ID number' },
  different_id_numbers: {
    zh: '身份证号不同（可能是双胞胎或兄弟姐妹）',
    en: 'Different ID numbers (perhaps twins or siblings)',
  },
  same_name: { zh: '姓名相同', en: 'Same name' },
  former_name: { zh: '与曾用名相同', en: 'Same as a former name' },
  same_pinyin: { zh: '姓名拼音相同', en: 'Same name in pinyin' },
  one_char_different: { zh: '姓名只差一个字', en: 'Names differ in one character' },
  same_birth_date: { zh: '出生日期相同', en: 'Same date of birth' },
  birth_date_one_day: { zh: '出生日期相差一天', en: 'Dates of birth one day apart' },
  birth_day_month_swapped: { zh: '出生日期的月、日颠倒', en: 'Day and month of birth swapped' },
  birth_same_month: { zh: '出生于同年同月', en: 'Born in the same month' },
  same_village: { zh: '居住在同一村（社区）', en: 'Living in the same village' },
  same_township: { zh: '居住在同一乡镇（街道）', en: 'Living in the same township' },
  same_county: { zh: '居住在同一县（区）', en: 'Living in the same county' },
  shared_guardian_phone: {
    zh: '监护人或家庭成员电话相同',
    en: 'A guardian or family member has the same phone number',
  },
  shared_guardian_name: { zh: '监护人或家庭成员姓名相同', en: 'A guardian or family member has the same name' },
};

const reasonMessages = (language: 'zh' | 'en') =>
  Object.fromEntries(
    Object.entries(reasons).map(([code, text]) => [`registry.duplicates.reason.${code}`, text[language]]),
  );

registerMessages({
  'zh-CN': {
    ...reasonMessages('zh'),
    'registry.search.digits_too_short': '按身份证号或电话号码查找时，请至少输入 4 位数字（现在只有“{{query}}”）。',
    'registry.search.division_format': '区划代码应为 12 位统计用区划代码，如 421002101201。',
    'registry.search.age_band': '年龄段有误：最大年龄（ageMax）不能小于最小年龄（ageMin）。',
    'registry.search.reason_required': '请填写处理理由（reason），它会记入两份档案的变更记录。',
    'registry.search.more_than': '{{count}}+',
    'registry.duplicates.entity': '疑似重复档案',
    'registry.merges.entity': '档案合并记录',
    'registry.duplicates.other_jurisdiction': '其他辖区（{{county}}）的一份档案（{{havenCode}}）',
    'registry.duplicates.state.open': '待处理',
    'registry.duplicates.state.not_same': '已确认不是同一人',
    'registry.duplicates.state.merged': '已合并',
    'registry.duplicates.decided':
      '这对疑似重复档案已经处理过（当前状态：$t(registry.duplicates.state.{{state}})），不能再处理；如需撤销合并，请在合并记录上撤销。',
    'registry.duplicates.survivor_not_in_pair': '字段 {{field}}：保留的档案必须是这对档案中的一份。',
    'registry.duplicates.file_already_merged':
      '档案 {{havenCode}} 已经被合并到另一份档案，不能再合并；请先撤销那次合并。',
    'registry.duplicates.has_merged_files':
      '档案 {{havenCode}} 已经并入过其他档案，合并时必须保留它：请把它选为保留的档案。',
    'registry.merges.already_undone': '这次合并已经撤销过了。',
    'registry.merges.id_number_taken':
      '不能撤销合并：被合并档案的身份证号已被另一份在用档案 {{havenCode}} 使用，请先处理那份档案。',
  },
  en: {
    ...reasonMessages('en'),
    'registry.search.digits_too_short':
      'To search by ID or phone number, type at least 4 digits ("{{query}}" is too short).',
    'registry.search.division_format': 'A division code is a 12-digit statistical code, such as 421002101201.',
    'registry.search.age_band': 'Age band: the highest age (ageMax) cannot be below the lowest (ageMin).',
    'registry.search.reason_required': 'Give a reason; it is recorded in the history of both files.',
    'registry.search.more_than': '{{count}}+',
    'registry.duplicates.entity': 'possible duplicate pair',
    'registry.merges.entity': 'merge',
    'registry.duplicates.other_jurisdiction': 'A file in another jurisdiction ({{county}}), {{havenCode}}',
    'registry.duplicates.state.open': 'open',
    'registry.duplicates.state.not_same': 'not the same child',
    'registry.duplicates.state.merged': 'merged',
    'registry.duplicates.decided':
      'This pair has already been decided (now: $t(registry.duplicates.state.{{state}})); to reverse a merge, undo the merge itself.',
    'registry.duplicates.survivor_not_in_pair': '{{field}}: the file to keep must be one of the two files of the pair.',
    'registry.duplicates.file_already_merged':
      'File {{havenCode}} has already been merged into another file and cannot be merged again; undo that merge first.',
    'registry.duplicates.has_merged_files':
      'Other files were merged into {{havenCode}}, so it must be the file kept: choose it as the survivor.',
    'registry.merges.already_undone': 'This merge has already been undone.',
    'registry.merges.id_number_taken':
      'The merge cannot be undone: the merged file\u2019s ID number is now used by another live file, {{havenCode}}; resolve that file first.',
  },
});
