/**
 * 12-digit statistical division codes: 2 province + 2 city + 2 county + 3 township + 3 village.
 * A division's subtree is every code that starts with its significant prefix, so "is X inside my
 * jurisdiction" is a prefix test, in code and in SQL (`LIKE '4210%'`).
 */
export const divisionLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export type DivisionLevel = (typeof divisionLevels)[number];

const prefixLength: Record<DivisionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

export function isDivisionCode(code: string): boolean {
  return /^\d{12}$/.test(code) && levelOf(code) !== undefined;
}

export function levelOf(code: string): DivisionLevel | undefined {
  if (!/^\d{12}$/.test(code) || code.startsWith('00')) return undefined;
  if (code.slice(2) === '0000000000') return 'province';
  if (code.slice(4) === '00000000') return 'city';
  if (code.slice(6) === '000000') return 'county';
  if (code.slice(9) === '000') return 'township';
  return 'village';
}

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
