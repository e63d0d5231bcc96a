import { divisionLevels, isDivisionCode, levelOf, prefixLength } from '../contract/divisions/codes.js';

/*
 * Division-code arithmetic. The code vocabulary (levels, what a code is) is the contract's, which
 * the web checks too; core adds what only the server needs.
 */
export { type DivisionLevel, divisionLevels, isDivisionCode, levelOf } from '../contract/divisions/codes.js';

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
