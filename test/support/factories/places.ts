/**
 * Real division codes of 荆州市 (Jingzhou), Hubei, 2023 — present in every test database (migration
 * 0002 loads Hubei's codes). Factories default to them; tests name them instead of digits.
 */
export const places = {
  hubei: '420000000000',
  wuhan: '420100000000',
  jingzhou: '421000000000',
  /** 沙市区 and two of its townships / villages. */
  shashi: '421002000000',
  zhongshan: '421002001000',
  cenhe: '421002101000',
  chenlong: '421002101201',
  shakou: '421002101204',
  /** 公安县 and two of its townships / villages. */
  gongan: '421022000000',
  buhe: '421022100000',
  doudi: '421022101000',
  nongli: '421022100201',
  heyi: '421022100206',
} as const;

/** The six-digit county part of a division code, as an ID number starts with it. */
export function countyOf(code: string): string {
  return code.slice(0, 6);
}
