import {
  type DivisionLevel,
  divisionLevels,
  isDivisionCode,
  levelOf,
  prefixLength,
} from '../../contract/divisions/codes.js';

// The code vocabulary lives in the contract (the web checks codes too); the arithmetic stays here.
export { type DivisionLevel, divisionLevels, isDivisionCode, levelOf } from '../../contract/divisions/codes.js';

/** The significant prefix of a code: '421002000000' → '421002'. */
export function subtreePrefix(code: string): string {
  const level = levelOf(code);
  if (!level) throw new Error(`not a division code: ${code}`);
  return code.slice(0, prefixLength[level]);
}

export function isWithin(code: string, ancestorCode: string): boolean {
  return code.startsWith(subtreePrefix(ancestorCode));
}

/** The codes of every level above this one, nearest last: village → [province, city, county, township]. */
export function ancestorCodes(code: string): string[] {
  const level = levelOf(code);
  if (!level) return [];
  const depth = divisionLevels.indexOf(level);
  return divisionLevels.slice(0, depth).map((l) => code.slice(0, prefixLength[l]).padEnd(12, '0'));
}

export function parentCode(code: string): string | undefined {
  return ancestorCodes(code).at(-1);
}

/** Accepts the 6-digit GB/T 2260 county form and shorter prefixes too: '4210' → '421000000000'. */
export function normaliseDivisionCode(input: string): string | undefined {
  const digits = input.trim();
  if (!/^\d+$/.test(digits) || ![2, 4, 6, 9, 12].includes(digits.length)) return undefined;
  const code = digits.padEnd(12, '0');
  return isDivisionCode(code) ? code : undefined;
}

/** The code of a province given as '42' or '420000000000'. */
export function provinceCode(input: string): string | undefined {
  const code = normaliseDivisionCode(input);
  return code !== undefined && levelOf(code) === 'province' ? code : undefined;
}

// Village-level rows are named after their committee (相思岭村委会 is the committee of 相思岭村);
// people type the place, so search also knows the name without the committee's title.
const committeeTitles: readonly (readonly [title: string, place: string])[] = [
  ['村民委员会', '村'],
  ['村委会', '村'],
  ['居民委员会', ''],
  ['居民居委会', ''],
  ['居委会', ''],
];

/** 相思岭村委会 → 相思岭村, 额头湾村村民委员会 → 额头湾村, 朝阳社区居委会 → 朝阳社区; always a substring of the name. */
export function shortDivisionName(name: string): string {
  for (const [title, place] of committeeTitles) {
    if (!name.endsWith(title)) continue;
    const stem = name.slice(0, -title.length);
    const short = place === '' || stem.endsWith(place) ? stem : stem + place;
    return short.length >= 2 ? short : name;
  }
  return name;
}

export type DivisionQuery =
  | { kind: 'code'; prefix: string; exact: string | undefined }
  | { kind: 'name'; text: string; short: string }
  | { kind: 'pinyin'; text: string };

/**
 * What a search box input means: digits are a code or code prefix, Chinese is a name, Latin
 * letters are pinyin (full or initials). Full-width input from a Chinese IME is folded first.
 */
export function parseDivisionQuery(input: string): DivisionQuery | undefined {
  const compact = input.normalize('NFKC').replace(/\s+/g, '');
  if (compact === '') return undefined;
  if (/^\d+$/.test(compact)) {
    // One digit is not yet a province: it would list every division.
    return compact.length < 2 || compact.length > 12
      ? undefined
      : { kind: 'code', prefix: compact, exact: normaliseDivisionCode(compact) };
  }
  if (/\p{Script=Han}/u.test(compact)) return { kind: 'name', text: compact, short: shortDivisionName(compact) };
  const latin = compact
    .toLowerCase()
    .replaceAll('ü', 'v')
    .replace(/['’·-]/g, '');
  return /^[a-z0-9]+$/.test(latin) ? { kind: 'pinyin', text: latin } : undefined;
}

/** NBS statistical codes of year Y describe the divisions as they stood on 30 June Y. */
export function datasetValidFrom(codeYear: number): string {
  return `${codeYear}-06-30`;
}

export interface IncomingDivision {
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  readonly parentCode: string | null;
}

export interface KnownDivision extends IncomingDivision {
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** Whole-dataset checks a single line cannot make; returns at most `limit` problems. */
export function datasetProblems(province: string, rows: readonly IncomingDivision[], limit = 10): string[] {
  const problems: string[] = [];
  const prefix = subtreePrefix(province);
  const seen = new Set<string>();
  for (const row of rows) {
    if (!row.code.startsWith(prefix)) problems.push(`${row.code} is outside province ${prefix}`);
    else if (seen.has(row.code)) problems.push(`${row.code} appears twice`);
    else if (levelOf(row.code) === undefined) problems.push(`${row.code} is not a division code`);
    seen.add(row.code);
  }
  if (!seen.has(province)) problems.push(`the province row ${province} is missing`);
  for (const row of rows) {
    if (row.parentCode !== null && !seen.has(row.parentCode))
      problems.push(`${row.code}: parent ${row.parentCode} is missing`);
  }
  return problems.slice(0, limit);
}

export interface DatasetChanges {
  added: IncomingDivision[];
  /** Still listed under the same code, with another name or parent. */
  changed: { incoming: IncomingDivision; before: KnownDivision }[];
  /** Closed by an earlier dataset and listed again. */
  reopened: { incoming: IncomingDivision; before: KnownDivision }[];
  closed: { before: KnownDivision; successorCode: string | null }[];
  unchanged: number;
}

export function isEmptyChange(changes: DatasetChanges): boolean {
  return changes.added.length + changes.changed.length + changes.reopened.length + changes.closed.length === 0;
}

/**
 * Compares the divisions stored for a province with a newer dataset. Nothing is deleted: a code
 * that is no longer listed is closed, because children and organisations keep pointing at it.
 */
export function diffDataset(known: readonly KnownDivision[], incoming: readonly IncomingDivision[]): DatasetChanges {
  const stored = new Map(known.map((row) => [row.code, row]));
  const listed = new Set(incoming.map((row) => row.code));
  const changes: DatasetChanges = { added: [], changed: [], reopened: [], closed: [], unchanged: 0 };
  for (const row of incoming) {
    const before = stored.get(row.code);
    if (before === undefined) changes.added.push(row);
    else if (before.validTo !== null) changes.reopened.push({ incoming: row, before });
    else if (before.name !== row.name || before.parentCode !== row.parentCode)
      changes.changed.push({ incoming: row, before });
    else changes.unchanged += 1;
  }
  const newcomers = [...changes.added, ...changes.reopened.map((r) => r.incoming)];
  for (const before of known) {
    if (before.validTo === null && !listed.has(before.code)) {
      changes.closed.push({ before, successorCode: inferSuccessor(before, newcomers) });
    }
  }
  return changes;
}

/**
 * A division that vanished while a newcomer of the same level and name appeared nearby was most
 * likely recoded (moved to another township or county). Same parent first, then same county, then
 * same city; a tie at the nearest scope means we cannot tell, so an administrator decides.
 */
export function inferSuccessor(gone: KnownDivision, newcomers: readonly IncomingDivision[]): string | null {
  const name = shortDivisionName(gone.name);
  const alike = newcomers.filter((row) => row.level === gone.level && shortDivisionName(row.name) === name);
  const scopes: ((row: IncomingDivision) => boolean)[] = [
    (row) => row.parentCode === gone.parentCode,
    (row) => row.code.slice(0, 6) === gone.code.slice(0, 6),
    (row) => row.code.slice(0, 4) === gone.code.slice(0, 4),
  ];
  for (const inScope of scopes) {
    const candidates = alike.filter(inScope);
    if (candidates.length === 1) return candidates[0]?.code ?? null;
    if (candidates.length > 1) return null;
  }
  return null;
}

/*
 * Chinese names are indexed by their character pairs: pg_trgm drops CJK characters when the
 * database's ctype is C (as in the embedded PostgreSQL). Every name containing a query of two or
 * more characters contains all of the query's pairs, in any locale. Single characters are left
 * out: they are in too many names to narrow a search, which takes them as a name prefix instead.
 */
export function nameGrams(name: string): string[] {
  const chars = [...name];
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(1).map((char, i) => `${chars[i]}${char}`))];
}

/** The pairs a name must contain to contain `query`; none for a single character. */
export function queryGrams(query: string): string[] {
  const chars = [...query];
  return chars.length < 2 ? [] : nameGrams(query);
}
