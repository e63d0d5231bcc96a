import { pinyin } from 'pinyin-pro';

/*
 * Search keys of a child's names, computed on every write of a name (create, edit, import, merge,
 * generator). Kept out of rules.ts because pinyin-pro carries its whole dictionary.
 */

const compoundSurnames = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '南宫',
  '西门',
  '独孤',
]);

export interface ChildSearchKeys {
  /** Every character and every pair of adjacent characters of each name (substring search of Chinese). */
  nameGrams: string[];
  /** Space-separated: full pinyin, initials and surname + given-name initials of each name: "zhangweiming zwm zhangwm". */
  pinyinText: string;
}

function surnameLength(name: string): number {
  return compoundSurnames.has([...name].slice(0, 2).join('')) ? 2 : 1;
}

// Names repeat a great deal (a ledger of 100k children has a few tens of thousands of distinct
// names) and a name's pinyin takes a dictionary segmentation: an import asked for each name twice
// (search keys, duplicate check) and spent about 9 s of its CPU here. Cleared when full, not LRU:
// simple and bounded.
const pinyinCache = new Map<string, readonly string[]>();
const pinyinCacheLimit = 50_000;

/** The ASCII keys people type for one name; `surname: 'head'` reads 曾 as zeng, 单 as shan. */
export function pinyinKeysOf(name: string): string[] {
  let keys = pinyinCache.get(name);
  if (!keys) {
    if (pinyinCache.size >= pinyinCacheLimit) pinyinCache.clear();
    keys = computePinyinKeys(name);
    pinyinCache.set(name, keys);
  }
  return [...keys];
}

function computePinyinKeys(name: string): string[] {
  const chars = [...name.replace(/\s+/g, '')];
  if (chars.length === 0) return [];
  if (!chars.some((char) => /\p{Script=Han}/u.test(char))) {
    const ascii = chars
      .join('')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    return ascii ? [ascii] : [];
  }
  const syllables = pinyin(chars.join(''), { type: 'array', toneType: 'none', v: true, surname: 'head' }).map((s) =>
    s.toLowerCase().replace(/[^a-z0-9]/g, ''),
  );
  const split = Math.min(surnameLength(chars.join('')), syllables.length);
  const full = syllables.join('');
  const initials = syllables.map((s) => s.charAt(0)).join('');
  const surnameThenInitials =
    syllables.slice(0, split).join('') +
    syllables
      .slice(split)
      .map((s) => s.charAt(0))
      .join('');
  return [...new Set([full, initials, surnameThenInitials].filter(Boolean))];
}

export function gramsOf(name: string): string[] {
  const chars = [...name.replace(/\s+/g, '')];
  const grams = new Set(chars);
  for (let i = 1; i < chars.length; i += 1) grams.add(`${chars[i - 1]}${chars[i]}`);
  return [...grams];
}

export function childSearchKeys(name: string, formerNames: readonly string[] = []): ChildSearchKeys {
  const names = [name, ...formerNames].filter((n) => n.trim().length > 0);
  return {
    nameGrams: [...new Set(names.flatMap(gramsOf))],
    pinyinText: [...new Set(names.flatMap(pinyinKeysOf))].join(' '),
  };
}

/** What a Chinese query must contain as grams: its pairs, or the single character. */
export function queryGramsOf(query: string): string[] {
  const chars = [...query.replace(/\s+/g, '')];
  if (chars.length <= 1) return chars;
  return gramsOf(query).filter((gram) => [...gram].length === 2);
}
