/**
 * 12-digit statistical division codes: 2 province + 2 city + 2 county + 3 township + 3 village.
 * A division's subtree is every code that starts with its significant prefix, so "is X inside my
 * jurisdiction" is a prefix test, in code and in SQL (`LIKE '4210%'`).
 */
export const divisionLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export type DivisionLevel = (typeof divisionLevels)[number];

export const prefixLength: Record<DivisionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

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
