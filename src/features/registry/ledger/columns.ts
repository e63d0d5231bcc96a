import type { LedgerField, LedgerMapping } from '../../../contract/registry/ledger.js';

/*
 * Header recognition (pure). Township ledgers name the same column many ways; the variants below
 * are compared after folding spaces, line breaks, full-width forms, asterisks and trailing colons.
 */
/** Division-code headers: a place word, perhaps a village word, then a word for code ("户籍所在地（村/社区代码）"). */
const codeWords = ['代码', '编码', '区划代码', '区划编码', '行政区划代码', '行政区划编码'];
const villageWords = ['', '村社区', '村居', '村', '社区', '村居委会'];
function codeHeaders(places: readonly string[]): string[] {
  return places
    .flatMap((place) => villageWords.flatMap((village) => codeWords.map((code) => place + village + code)))
    .filter((header) => !['代码', '编码'].includes(header));
}

const variants: Record<LedgerField, readonly string[]> = {
  name: ['姓名', '儿童姓名', '学生姓名', '未成年人姓名', 'name', 'childname', 'fullname'],
  sex: ['性别', 'sex', 'gender'],
  idNumber: [
    '身份证号码',
    '身份证号',
    '公民身份号码',
    '公民身份证号码',
    '儿童身份证号码',
    '身份证件号码',
    '证件号码',
    'idnumber',
    'id',
    'idno',
    'residentid',
  ],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日', 'birthdate', 'dateofbirth', 'dob'],
  ethnicity: ['民族', 'ethnicity', 'nation'],
  hukouAddress: [
    '户籍所在地',
    '户籍地址',
    '户籍地',
    '户口所在地',
    '户籍所在地址',
    '户籍所在地地址',
    '户口所在地地址',
    'hukou',
    'hukouaddress',
    'registeredaddress',
  ],
  hukouCode: [
    ...codeHeaders(['户籍所在地', '户籍地', '户籍', '户口所在地', '户籍地址', '户籍所在地址']),
    'hukoucode',
    'hukoudivisioncode',
  ],
  address: [
    '现居住地址',
    '居住地址',
    '家庭住址',
    '现住址',
    '家庭地址',
    '现居住地',
    '住址',
    'address',
    'currentaddress',
    'homeaddress',
  ],
  residenceCode: [
    ...codeHeaders([
      '',
      '现居住地',
      '居住地',
      '现住址',
      '现居住地址',
      '居住地址',
      '所在地',
      '所在',
      '现住地',
      '家庭住址',
    ]),
    'divisioncode',
    'residencecode',
    'villagecode',
  ],
  township: ['所在乡镇', '乡镇', '乡镇街道', '所在乡镇街道', '乡镇(街道)', 'township'],
  village: [
    '所在村',
    '所在村社区',
    '所在村(社区)',
    '村(社区)',
    '村社区',
    '村居',
    '所在村居',
    '村',
    'village',
    'community',
  ],
  category: [
    '困境类型',
    '儿童类别',
    '困境儿童类型',
    '儿童类型',
    '类别',
    '保障类别',
    'category',
    'categories',
    'difficultytype',
  ],
  guardianName: ['监护人姓名', '监护人', '主要监护人', '委托照护人', '照护人姓名', 'guardian', 'guardianname'],
  guardianRelation: [
    '与儿童关系',
    '关系',
    '与儿童的关系',
    '监护人与儿童关系',
    '与本人关系',
    'relation',
    'relationship',
  ],
  guardianPhone: [
    '联系电话',
    '监护人电话',
    '手机号',
    '监护人联系电话',
    '联系方式',
    '手机号码',
    '电话',
    'phone',
    'guardianphone',
    'telephone',
  ],
  school: ['学校', '就读学校', '所在学校', 'school'],
  grade: ['年级', '就读年级', '年级班级', 'grade'],
  disabilityType: ['残疾类别', '残疾类型', 'disabilitytype'],
  disabilityGrade: ['残疾等级', '残疾级别', 'disabilitygrade'],
};

const lookup = new Map<string, LedgerField>();
for (const [field, names] of Object.entries(variants) as [LedgerField, readonly string[]][]) {
  for (const name of names) lookup.set(foldHeader(name), field);
}

export function foldHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：_\-.（）()/、]/g, '')
    .replace(/^(?:\d+|[一二三四五六七八九十]+)、?/, '');
}

/** The field a header cell names, if any. */
export function fieldOfHeader(text: string): LedgerField | undefined {
  const folded = foldHeader(text);
  return folded ? lookup.get(folded) : undefined;
}

/**
 * Maps the cells of a header row to fields. A header merged over two rows ("监护人" above "姓名"
 * and "电话") is read with the label above first, so the guardian's 姓名 is not the child's.
 */
export function mapHeaderRow(cells: readonly string[], above: readonly string[] = []): LedgerMapping {
  const mapping: LedgerMapping = {};
  let carried = '';
  const width = Math.max(cells.length, above.length);
  Array.from({ length: width }, (_, i) => cells[i] ?? '').forEach((cell, i) => {
    const top = above[i]?.trim() ?? '';
    carried = top || (cell ? carried : '');
    const label = cell.trim() || top;
    if (!label) return;
    const combined = carried && carried !== label ? fieldOfHeader(carried + label) : undefined;
    const field = combined ?? fieldOfHeader(label);
    if (field && mapping[field] === undefined) mapping[field] = i + 1;
  });
  return mapping;
}

export interface HeaderChoice {
  row: number;
  mapping: LedgerMapping;
  recognised: number;
  /** Another row that looked like a header too (the user should confirm). */
  rival: number | null;
}

/** A header needs a name column and at least two other recognised columns. */
export function headerScore(mapping: LedgerMapping): number {
  const count = Object.keys(mapping).length;
  return mapping.name !== undefined && count >= 3 ? count : 0;
}

/**
 * Picks the header among the first rows of a sheet: the row that recognises most fields; a second
 * row that recognises nearly as many is reported, not silently ignored.
 */
export function chooseHeader(rows: readonly { row: number; cells: readonly string[] }[]): HeaderChoice | undefined {
  let best: HeaderChoice | undefined;
  const scored: { row: number; score: number }[] = [];
  rows.forEach((candidate, i) => {
    const previous = i > 0 && rows[i - 1]!.row === candidate.row - 1 ? rows[i - 1]!.cells : [];
    const mapping = mapHeaderRow(candidate.cells, previous);
    const score = headerScore(mapping);
    if (score === 0) return;
    scored.push({ row: candidate.row, score });
    if (!best || score > best.recognised) best = { row: candidate.row, mapping, recognised: score, rival: null };
  });
  if (!best) return undefined;
  const chosen = best;
  // The group row of a two-row header ("监护人" above "姓名") is part of the chosen header, no rival.
  const chosenCells = rows.find((r) => r.row === chosen.row)?.cells ?? [];
  const subHeader = chosenCells.some((cell) => cell.trim() === '');
  const rival = scored.find(
    (s) => s.row !== chosen.row && s.score >= chosen.recognised - 1 && !(subHeader && s.row === chosen.row - 1),
  );
  return { ...chosen, rival: rival?.row ?? null };
}
