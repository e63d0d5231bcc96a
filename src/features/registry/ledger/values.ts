import type { CategoryCode } from '../tables.js';

/*
 * Reading the values townships type into ledgers (pure). Each reader returns a value or a reason,
 * never throws: the dry run lists every reason with its row.
 */

/** A cell as the readers hand it over: text, a number, a date (already a calendar day) or nothing. */
export type CellValue = string | number | Date | boolean | null;

export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  return String(value).trim();
}

function isoOf(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Excel's 1900 date system: serial 1 = 1900-01-01, with Lotus's fictitious 1900-02-29 (serial 60). */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 120_000) return undefined;
  const days = Math.floor(serial) - (serial > 60 ? 1 : 0);
  const date = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

export type DateReading =
  | { kind: 'date'; iso: string }
  | { kind: 'month'; yearMonth: string }
  | { kind: 'empty' }
  | { kind: 'unreadable' };

/** Excel dates, 2015.03.02, 2015-3-2, 2015/3/2, 2015年3月2日, 20150302, and 2015.03 / 2015年3月 (出生年月). */
export function readDate(value: CellValue): DateReading {
  if (value === null || value === '') return { kind: 'empty' };
  if (value instanceof Date) return { kind: 'date', iso: value.toISOString().slice(0, 10) };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19000101 && value <= 22001231) return readDate(String(value));
    const iso = excelSerialToIso(value);
    return iso ? { kind: 'date', iso } : { kind: 'unreadable' };
  }
  const text = String(value).normalize('NFKC').trim().replace(/\s+/g, '');
  if (text === '') return { kind: 'empty' };
  let match =
    /^(\d{4})(\d{2})(\d{2})$/.exec(text) ??
    /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?:日)?(?:T.*|\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text);
  if (match) {
    const iso = isoOf(Number(match[1]), Number(match[2]), Number(match[3]));
    return iso ? { kind: 'date', iso } : { kind: 'unreadable' };
  }
  match = /^(\d{4})(?:[./-]|年)(\d{1,2})月?$/.exec(text);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12)
    return { kind: 'month', yearMonth: `${match[1]}-${match[2]!.padStart(2, '0')}` };
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return readDate(Number(text));
  return { kind: 'unreadable' };
}

export type IdReading = { kind: 'empty' } | { kind: 'text'; value: string } | { kind: 'as_number'; shown: string };

/**
 * An 18-digit number is beyond a double's 15–16 significant digits: Excel keeps it as 4.21002E+17
 * or with its last digits turned to zeros. Those digits cannot be recovered; say so precisely.
 */
export function readIdCell(value: CellValue): IdReading {
  if (value === null || value === '') return { kind: 'empty' };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value >= 1e16)
      return { kind: 'as_number', shown: value.toExponential(14).toUpperCase() };
    return { kind: 'text', value: String(value) };
  }
  const text = String(value)
    .normalize('NFKC')
    .replace(/[\s'’‘]/g, '')
    .toUpperCase();
  if (text === '') return { kind: 'empty' };
  if (/^\d(?:\.\d+)?E\+?\d+$/.test(text)) return { kind: 'as_number', shown: text };
  return { kind: 'text', value: text };
}

/** 18 digits ending in 000 whose check fails: what a number-formatted cell leaves behind. */
export function looksTruncatedByFloat(id: string): boolean {
  return /^\d{15}000$/.test(id);
}

export type SexReading = 'male' | 'female' | 'empty' | 'unreadable';

export function readSex(value: CellValue): SexReading {
  const text = cellText(value).normalize('NFKC').toLowerCase();
  if (text === '') return 'empty';
  if (['男', 'm', 'male', '1', '男性', '男孩'].includes(text)) return 'male';
  if (['女', 'f', 'female', '2', '女性', '女孩'].includes(text)) return 'female';
  return 'unreadable';
}

const categoryWords: readonly (readonly [string, CategoryCode])[] = [
  ['事实无人抚养', 'de_facto_unsupported'],
  ['孤儿', 'orphan'],
  ['留守', 'left_behind'],
  ['残疾', 'disability'],
  ['重病', 'disability'],
  ['低保', 'poverty'],
  ['特困', 'poverty'],
  ['贫困', 'poverty'],
  ['监护缺失', 'guardianship_missing'],
  ['监护不当', 'guardianship_missing'],
  ['监护困境', 'guardianship_missing'],
  ['流浪', 'street'],
  ['受侵害', 'juvenile_victim'],
  ['被侵害', 'juvenile_victim'],
  ['涉罪', 'juvenile_offender'],
  ['犯罪', 'juvenile_offender'],
  ['orphan', 'orphan'],
  ['left', 'left_behind'],
  ['disab', 'disability'],
  ['povert', 'poverty'],
  ['unsupported', 'de_facto_unsupported'],
  ['street', 'street'],
];

/** 困境类型 "孤儿、残疾" → categories; words Haven does not know are returned to be reported. */
export function readCategories(value: CellValue): { categories: CategoryCode[]; unknown: string[] } {
  const parts = cellText(value)
    .normalize('NFKC')
    .split(/[,，、;；/|\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const categories = new Set<CategoryCode>();
  const unknown: string[] = [];
  for (const part of parts) {
    const lower = part.toLowerCase();
    const hit = categoryWords.find(([word]) => lower.includes(word));
    if (hit) categories.add(hit[1]);
    else if (!['无', '其他', '其它', '困境儿童', '一般困境'].includes(part)) unknown.push(part);
  }
  return { categories: [...categories], unknown };
}

const relations: readonly (readonly [RegExp, string])[] = [
  [/^(父亲|父|爸爸|father)$/i, 'father'],
  [/^(母亲|母|妈妈|mother)$/i, 'mother'],
  [/^(祖父|爷爷)$/, 'paternal_grandfather'],
  [/^(祖母|奶奶)$/, 'paternal_grandmother'],
  [/^(外祖父|外公|姥爷)$/, 'maternal_grandfather'],
  [/^(外祖母|外婆|姥姥)$/, 'maternal_grandmother'],
  [/^(祖父母|grandparent)$/i, 'grandparent'],
  [/^(兄|弟|姐|妹|哥哥|弟弟|姐姐|妹妹|兄长|sibling)$/i, 'sibling'],
  [/^(伯父|伯母|叔叔|叔父|婶婶|姑姑|姑父|舅舅|舅妈|姨妈|姨父|uncle|aunt)$/i, 'uncle_aunt'],
  [/^(委托照护人|委托监护人|照护人|carer)$/i, 'entrusted_carer'],
];

/** 与儿童关系 as a relation code; unknown words stay as typed (the column is free text). */
export function readRelation(value: CellValue): string {
  const text = cellText(value).normalize('NFKC');
  if (!text) return 'guardian';
  return relations.find(([pattern]) => pattern.test(text))?.[1] ?? text;
}

export function readDisabilityGrade(value: CellValue): number | null {
  const text = cellText(value).normalize('NFKC');
  const digit = /([1-4一二三四])/.exec(text)?.[1];
  if (!digit) return null;
  return '1234'.includes(digit) ? Number(digit) : '一二三四'.indexOf(digit) + 1;
}

export type DivisionCodeReading =
  | { kind: 'empty' }
  | { kind: 'code'; code: string }
  | { kind: 'invalid'; shown: string };

/** A 12-digit division code (统计用区划代码) as typed or as a number cell; anything else is shown back. */
export function readDivisionCode(value: CellValue): DivisionCodeReading {
  const text = (typeof value === 'number' && Number.isInteger(value) ? String(value) : cellText(value))
    .normalize('NFKC')
    .replace(/\s+/g, '');
  if (text === '') return { kind: 'empty' };
  return /^\d{12}$/.test(text) ? { kind: 'code', code: text } : { kind: 'invalid', shown: text.slice(0, 40) };
}

export function readPhone(value: CellValue): string | null {
  const text = cellText(value).normalize('NFKC').replace(/\s+/g, '');
  return text === '' ? null : text.slice(0, 30);
}
