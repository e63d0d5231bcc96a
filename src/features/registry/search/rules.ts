import { fromEpochDay, toEpochDay } from '../../../platform/calendar/iso-date.js';

/* Search and duplicate decisions, pure: what a query means, age bands, and how alike two files are. */

/** Above this many matches the list says "10,000+" instead of counting a million rows on every keystroke. */
export const countCap = 10_000;

// What the search box holds is the contract's vocabulary (the case list reads it the same way).
export { type ParsedQuery, parseQuery } from '../../../contract/registry/search-query.js';

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // 29 February in a common year: the day before 1 March, so ages agree with ageOn.
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Completed years of age on a date (a birthday on 29 February counts from 1 March in common years). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Birth dates of children aged ageMin…ageMax (inclusive) today: born on/before `bornOnOrBefore`, after `bornAfter`. */
export function birthRangeForAges(
  today: string,
  ageMin?: number,
  ageMax?: number,
): { bornOnOrBefore?: string; bornAfter?: string } {
  return {
    ...(ageMin !== undefined ? { bornOnOrBefore: addYears(today, -ageMin) } : {}),
    ...(ageMax !== undefined ? { bornAfter: addYears(today, -(ageMax + 1)) } : {}),
  };
}

/** The birth dates a mistyped one may really be: its month ± a day, and day/month swapped. */
export function birthWindow(birthDate: string): { from: string; to: string; swapped: string | null } {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const monthStart = `${birthDate.slice(0, 7)}-01`;
  const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: fromEpochDay(toEpochDay(monthStart) - 1), to: nextMonth, swapped: swappedDate(y, m, d) };
}

function swappedDate(y: number, m: number, d: number): string | null {
  if (m === d || d > 12) return null;
  const candidate = `${y}-${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}`;
  try {
    toEpochDay(candidate);
    return candidate;
  } catch {
    return null;
  }
}

export { type DuplicateReasonCode, duplicateReasonCodes } from '../../../contract/registry/vocabulary.js';
import type { DuplicateReasonCode } from '../../../contract/registry/vocabulary.js';

export interface DuplicateRules {
  minScore: number;
  weights: Record<DuplicateReasonCode, number>;
}

export interface DraftFacts {
  name: string;
  /** Full pinyin of the name (first key of search-keys), or null when it has none. */
  pinyin: string | null;
  birthDate: string | null;
  idNumber: string | null;
  residenceCode: string;
}

export interface CandidateFacts extends DraftFacts {
  formerNames: readonly string[];
  sharedGuardianPhone: boolean;
  sharedGuardianName: boolean;
}

export interface DuplicateReason {
  code: DuplicateReasonCode;
  params?: Record<string, unknown>;
}

function nameReason(draft: DraftFacts, candidate: CandidateFacts): DuplicateReasonCode | null {
  if (draft.name === candidate.name) return 'same_name';
  if (candidate.formerNames.includes(draft.name)) return 'former_name';
  if (draft.pinyin && draft.pinyin === candidate.pinyin) return 'same_pinyin';
  const a = [...draft.name];
  const b = [...candidate.name];
  if (a.length >= 2 && a.length === b.length && a.filter((char, i) => char !== b[i]).length === 1)
    return 'one_char_different';
  return null;
}

function birthReason(a: string | null, b: string | null): DuplicateReasonCode | null {
  if (!a || !b) return null;
  if (a === b) return 'same_birth_date';
  if (Math.abs(toEpochDay(a) - toEpochDay(b)) === 1) return 'birth_date_one_day';
  const [y, m, d] = a.split('-').map(Number) as [number, number, number];
  if (swappedDate(y, m, d) === b) return 'birth_day_month_swapped';
  if (a.slice(0, 7) === b.slice(0, 7)) return 'birth_same_month';
  return null;
}

function placeReason(a: string, b: string): DuplicateReasonCode | null {
  if (a === b) return 'same_village';
  if (a.slice(0, 9) === b.slice(0, 9)) return 'same_township';
  if (a.slice(0, 6) === b.slice(0, 6)) return 'same_county';
  return null;
}

/**
 * How likely a draft and an existing file are the same child, with the reasons, or null. The same ID
 * number is enough; otherwise a similar name must come with a close birth date or a shared guardian,
 * so siblings (one shared phone, names one character apart, other birth dates) are not proposed.
 */
export function scoreDuplicate(
  draft: DraftFacts,
  candidate: CandidateFacts,
  rules: DuplicateRules,
): { score: number; reasons: DuplicateReason[] } | null {
  const codes: DuplicateReasonCode[] = [];
  const sameId = draft.idNumber !== null && draft.idNumber === candidate.idNumber;
  const name = nameReason(draft, candidate);
  const birth = birthReason(draft.birthDate, candidate.birthDate);
  const place = placeReason(draft.residenceCode, candidate.residenceCode);
  const guardian = candidate.sharedGuardianPhone || candidate.sharedGuardianName;
  const birthUnknown = !draft.birthDate || !candidate.birthDate;
  const strongName = name === 'same_name' || name === 'former_name' || name === 'same_pinyin';
  const eligible =
    sameId ||
    (strongName && (birth !== null || guardian || (birthUnknown && place !== null))) ||
    (name === 'one_char_different' && birth !== null);
  if (!eligible) return null;
  if (sameId) codes.push('same_id_number');
  else if (draft.idNumber && candidate.idNumber) codes.push('different_id_numbers');
  for (const code of [name, birth, place]) if (code) codes.push(code);
  if (candidate.sharedGuardianPhone) codes.push('shared_guardian_phone');
  if (candidate.sharedGuardianName) codes.push('shared_guardian_name');
  const raw = codes.reduce((sum, code) => sum + rules.weights[code], 0);
  const score = Math.max(0, Math.min(100, raw));
  if (score < rules.minScore) return null;
  return { score, reasons: codes.map((code) => ({ code })) };
}

/** Duplicate pairs are stored once, smaller id first (the table's CHECK). */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}
