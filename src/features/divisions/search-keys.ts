import { pinyin } from 'pinyin-pro';
import { nameGrams, shortDivisionName } from './rules.js';

/*
 * Kept out of rules.ts so that code helpers stay light enough for the web client: pinyin-pro
 * carries its whole dictionary.
 */

export interface DivisionSearchKeys {
  /** The name without a committee title: what people type. */
  readonly shortName: string;
  /** Full pinyin of the short name, lowercase, without tones or spaces, ü as v: xiangsilingcun. */
  readonly pinyin: string;
  /** First letters of the same syllables: xslc. */
  readonly initials: string;
  /** Character pairs of the full name, for substring search (see rules.ts). */
  readonly grams: readonly string[];
}

/**
 * One pinyin-pro call per name: the initials are the first letters of the full syllables, which is
 * what `pattern: 'first'` returns, at half the cost when 28,000 names are keyed in a migration.
 */
export function divisionSearchKeys(name: string): DivisionSearchKeys {
  const shortName = shortDivisionName(name);
  let full = '';
  let initials = '';
  for (const run of shortName.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(run)) {
      const syllables = pinyin(run, { type: 'array', toneType: 'none', v: true });
      full += syllables.join('');
      initials += syllables.map((syllable) => syllable.charAt(0)).join('');
    } else {
      const kept = run
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
      full += kept;
      initials += kept;
    }
  }
  return { shortName, pinyin: full, initials, grams: nameGrams(name) };
}
