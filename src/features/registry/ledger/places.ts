import { isWithin, levelOf } from '../../divisions/rules.js';
import type { LedgerRow, PlaceResult } from './validate.js';
import { cellText } from './values.js';

/*
 * Finding the division a ledger row names (pure): a 12-digit code, or township and village names
 * found in the village, township and address cells, within the importing organisation's subtree.
 */
export interface PlaceRow {
  code: string;
  name: string;
  short_name: string;
  level: string;
}

const maxNameLength = 16;

export class PlaceIndex {
  private readonly byName = new Map<string, string[]>();
  private readonly codes = new Set<string>();
  private readonly cache = new Map<string, PlaceResult>();

  constructor(
    rows: readonly PlaceRow[],
    private readonly home: string,
  ) {
    for (const row of rows) {
      this.codes.add(row.code);
      if (row.level !== 'township' && row.level !== 'village') continue;
      const names = new Set([row.name, row.short_name]);
      for (const name of names) {
        if ([...name].length < 2) continue;
        const list = this.byName.get(name) ?? [];
        list.push(row.code);
        this.byName.set(name, list);
      }
    }
  }

  /** Where the child lives: village cell first, then the address; the organisation's own township or village when the ledger names none. */
  residence(row: LedgerRow): PlaceResult {
    const village = cellText(row.village ?? null);
    const township = cellText(row.township ?? null);
    const address = cellText(row.address ?? null) || cellText(row.hukouAddress ?? null);
    const key = `${township}\u0001${village}\u0001${address}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.resolve([township, village, address].filter(Boolean).join(' '), village || address);
    if (this.cache.size < 50_000) this.cache.set(key, result);
    return result;
  }

  hukou(row: LedgerRow): string | null {
    const text = cellText(row.hukouAddress ?? null);
    if (!text) return null;
    const result = this.resolve(text, text, false);
    return 'code' in result ? result.code : null;
  }

  private resolve(text: string, shown: string, fallBackHome = true): PlaceResult {
    const code = /(?<!\d)(\d{12})(?!\d)/.exec(text)?.[1];
    if (code) return this.codes.has(code) ? { code } : { problem: 'division_unknown', params: { value: code } };
    const found = this.namesIn(text.normalize('NFKC').replace(/\s+/g, ''));
    const villages = found.filter((c) => levelOf(c) === 'village');
    const townships = found.filter((c) => levelOf(c) === 'township');
    const inTownship = townships.length > 0 ? villages.filter((v) => townships.some((t) => isWithin(v, t))) : villages;
    const unique = [...new Set(inTownship)];
    if (unique.length === 1) return { code: unique[0]! };
    if (unique.length > 1) return { problem: 'division_ambiguous', params: { value: shown, count: unique.length } };
    const uniqueTownships = [...new Set(townships)];
    if (uniqueTownships.length === 1 && villages.length === 0) return { code: uniqueTownships[0]! };
    if (uniqueTownships.length > 1 || villages.length > 1) return { problem: 'division_ambiguous', params: { value: shown, count: Math.max(uniqueTownships.length, villages.length) } };
    const homeLevel = levelOf(this.home);
    if (fallBackHome && (homeLevel === 'village' || homeLevel === 'township')) return { code: this.home };
    return { problem: 'division_unknown', params: { value: shown } };
  }

  /** Every known township or village name in the text, longest match at each position. */
  private namesIn(text: string): string[] {
    const chars = [...text];
    const found: string[] = [];
    for (let start = 0; start < chars.length; start += 1) {
      for (let length = Math.min(maxNameLength, chars.length - start); length >= 2; length -= 1) {
        const codes = this.byName.get(chars.slice(start, start + length).join(''));
        if (codes) {
          found.push(...codes);
          start += length - 1;
          break;
        }
      }
    }
    return found;
  }
}
