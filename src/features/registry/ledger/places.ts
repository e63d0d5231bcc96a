import { isWithin, levelOf } from '../../../core/places.js';
import type { HukouResult, LedgerRow, PlaceResult } from './validate.js';
import { cellText, readDivisionCode } from './values.js';

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
const cacheSize = 2_000;

interface NameNode {
  next: Map<string, NameNode>;
  /** The places whose name ends here. */
  codes?: string[];
}

export class PlaceIndex {
  /** Names by character (a trie), so finding every name in an address costs one walk per position. */
  private readonly names: NameNode = { next: new Map() };
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
        const chars = [...name];
        if (chars.length < 2 || chars.length > maxNameLength) continue;
        let node = this.names;
        for (const char of chars) {
          const child = node.next.get(char) ?? { next: new Map() };
          node.next.set(char, child);
          node = child;
        }
        node.codes = [...(node.codes ?? []), row.code];
      }
    }
  }

  /** Where the child lives: village cell first, then the address; the organisation's own township or village when the ledger names none. */
  residence(row: LedgerRow): PlaceResult {
    const coded = readDivisionCode(row.residenceCode ?? null);
    if (coded.kind === 'invalid') return { problem: 'division_code_invalid', params: { value: coded.shown } };
    if (coded.kind === 'code')
      return this.codes.has(coded.code)
        ? { code: coded.code }
        : { problem: 'division_unknown', params: { value: coded.code } };
    const village = cellText(row.village ?? null);
    const township = cellText(row.township ?? null);
    const address = cellText(row.address ?? null) || cellText(row.hukouAddress ?? null);
    const key = `${township}\u0001${village}\u0001${address}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.resolve([township, village, address].filter(Boolean).join(' '), village || address);
    // Village cells repeat; addresses mostly do not. Kept small (its keys hold the row's cells), so
    // memory stays flat over a ledger of 100k different addresses.
    if (this.cache.size >= cacheSize) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  /**
   * The hukou division: the code column first, else a code or a place name in the hukou address.
   * A hukou is often outside the organisation's jurisdiction (migrant families), so a code not
   * among its own divisions is not refused here: the pipeline looks it up in the whole table.
   * A name not found here stays unknown (null), as before.
   */
  hukou(row: LedgerRow): HukouResult {
    const coded = readDivisionCode(row.hukouCode ?? null);
    if (coded.kind === 'invalid') return { problem: 'division_code_invalid', params: { value: coded.shown } };
    const text = cellText(row.hukouAddress ?? null);
    const code = coded.kind === 'code' ? coded.code : /(?<!\d)(\d{12})(?!\d)/.exec(text)?.[1];
    if (code) return { code, known: this.codes.has(code) };
    if (!text) return null;
    const result = this.resolve(text, text, false);
    return 'code' in result ? { code: result.code, known: true } : null;
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
    if (uniqueTownships.length > 1 || villages.length > 1)
      return {
        problem: 'division_ambiguous',
        params: { value: shown, count: Math.max(uniqueTownships.length, villages.length) },
      };
    const homeLevel = levelOf(this.home);
    if (fallBackHome && (homeLevel === 'village' || homeLevel === 'township')) return { code: this.home };
    return { problem: 'division_unknown', params: { value: shown } };
  }

  /** Every known township or village name in the text, longest match at each position. */
  private namesIn(text: string): string[] {
    const chars = [...text];
    const found: string[] = [];
    for (let start = 0; start < chars.length; start += 1) {
      let node: NameNode | undefined = this.names;
      let longest: { codes: string[]; length: number } | undefined;
      for (let end = start; end < chars.length && node; end += 1) {
        node = node.next.get(chars[end]!);
        if (node?.codes) longest = { codes: node.codes, length: end - start + 1 };
      }
      if (longest) {
        found.push(...longest.codes);
        start += longest.length - 1;
      }
    }
    return found;
  }
}
