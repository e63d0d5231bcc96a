import type { Kysely, Transaction } from 'kysely';
import type { Match } from '../../contract/department-rolls/rolls.js';
import {
  type MatchLevel,
  type MatchReason,
  personRollKinds,
  type RollKind,
} from '../../contract/department-rolls/vocabulary.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import {
  type ChildCandidate,
  childrenByNameAndBirthIn,
  fullPinyinOf,
  type MemberCandidate,
  matchIdNumbersIn,
  membersByNameIn,
} from '../registry/service.js';
import type { RowReading } from './columns.js';

type Db = Kysely<Database> | Transaction<Database>;
type Readable = Extract<RowReading, { ok: true }>;

/** One child (and for a parent's roll, the family member) a row may be, with how sure and why. */
export interface Candidate {
  childId: string;
  childName: string;
  havenCode: string;
  memberId: string | null;
  memberName: string | null;
  relation: string | null;
  match: Match;
}

export interface RowMatches {
  level: MatchLevel | null;
  candidates: Candidate[];
}

const chunk = 500;
const certain: Match = { level: 'certain', score: 100, reasons: ['id_number'] };
const nameScore: Partial<Record<MatchReason, number>> = { same_name: 40, former_name: 30, same_pinyin: 20 };
const placeScore: Partial<Record<MatchReason, number>> = {
  same_village: 20,
  same_township: 15,
  same_county: 10,
  no_place: 0,
};
/** A row whose ID number matched nobody but whose name, birth date and place fit: never above weak. */
const idNotFoundPenalty = 10;

type Place = string | readonly string[] | null;
const codesOf = (place: Place): readonly string[] | null =>
  place === null ? null : typeof place === 'string' ? [place] : place;

/**
 * Where a row's place (a code, or the codes a name stands for) stands to the child's residence or
 * household registration: the same village, the same township (a township named), the same county,
 * or null (another county).
 */
function placeReason(place: Place, places: readonly (string | null)[]): MatchReason | null {
  const codes = codesOf(place);
  if (!codes) return 'no_place';
  const known = places.filter((p): p is string => Boolean(p));
  if (codes.some((code) => known.includes(code))) return 'same_village';
  const township = (code: string) => code.slice(9) === '000' && known.some((p) => p.slice(0, 9) === code.slice(0, 9));
  if (codes.some(township)) return 'same_township';
  if (codes.some((code) => known.some((p) => p.slice(0, 6) === code.slice(0, 6)))) return 'same_county';
  return null;
}

/**
 * How well a child fits a row without an ID number (pure): the birth date must be the same; the
 * name the same, a former name or read the same in pinyin; the place the same village or county.
 * Only the same name in the same village is strong; everything else is weak (a person confirms).
 */
export function scoreChild(
  row: { name: string; birthDate: string; divisionCode: Place },
  candidate: ChildCandidate,
  rowPinyin = fullPinyinOf(row.name),
): Match | null {
  if (candidate.birthDate !== row.birthDate) return null;
  const name: MatchReason | null =
    candidate.name === row.name
      ? 'same_name'
      : candidate.formerNames.includes(row.name)
        ? 'former_name'
        : rowPinyin !== '' && candidate.pinyin === rowPinyin
          ? 'same_pinyin'
          : null;
  if (!name) return null;
  const place = placeReason(row.divisionCode, [candidate.residenceCode, candidate.hukouCode]);
  if (!place) return null;
  const score = (nameScore[name] ?? 0) + 30 + (placeScore[place] ?? 0);
  const level: MatchLevel = name === 'same_name' && place === 'same_village' ? 'strong' : 'weak';
  return { level, score, reasons: [name, 'same_birth_date', place] };
}

/** The best candidates of a row: a single one keeps its level; two or more equally good are ambiguous. */
export function bestOf(candidates: Candidate[]): RowMatches {
  if (candidates.length === 0) return { level: null, candidates: [] };
  const rank = (c: Candidate) => (c.match.level === 'strong' ? 2 : 1) * 1000 + c.match.score;
  const top = Math.max(...candidates.map(rank));
  const best = candidates.filter((c) => rank(c) === top);
  if (best.length === 1) return { level: best[0]!.match.level, candidates: best };
  return {
    level: 'ambiguous',
    candidates: best.map((c) => ({
      ...c,
      match: { level: 'ambiguous', score: c.match.score, reasons: [...c.match.reasons, 'other_candidates'] },
    })),
  };
}

/**
 * Every readable row's candidates among the children (or their family members) the caller may see:
 * by ID number when the row has one (certain; a parent named on several children's files is the same
 * person on each), else by name, birth date and place.
 */
export async function matchRows(
  db: Db,
  actor: Actor,
  kind: RollKind,
  rows: readonly { row: number; reading: Readable }[],
): Promise<Map<number, RowMatches>> {
  const person = personRollKinds.includes(kind);
  const result = new Map<number, RowMatches>();
  const ids = [...new Set(rows.flatMap(({ reading }) => (reading.idNumber ? [reading.idNumber] : [])))];
  const byId = new Map<string, Candidate[]>();
  for (let i = 0; i < ids.length; i += chunk)
    for (const m of await matchIdNumbersIn(db, actor, ids.slice(i, i + chunk), person ? 'member' : 'child'))
      byId.set(m.idNumber, [...(byId.get(m.idNumber) ?? []), { ...m, childName: m.childName, match: certain }]);

  // Rows without an ID number, and rows whose ID number matched nobody (a child registered without one,
  // or a number mistyped on either side), are looked for by name, birth date and place.
  const byName = rows.filter(
    ({ reading }) => reading.name && (!reading.idNumber || (byId.get(reading.idNumber) ?? []).length === 0),
  );
  const children: ChildCandidate[] = [];
  const members: Awaited<ReturnType<typeof membersByNameIn>> = [];
  for (let i = 0; i < byName.length; i += chunk) {
    const part = byName.slice(i, i + chunk).map(({ reading }) => reading);
    if (person)
      members.push(
        ...(await membersByNameIn(
          db,
          actor,
          part.map((r) => r.name!),
        )),
      );
    else
      children.push(
        ...(await childrenByNameAndBirthIn(
          db,
          actor,
          part.filter((r) => r.birthDate).map((r) => ({ name: r.name!, birthDate: r.birthDate! })),
        )),
      );
  }

  for (const { row, reading } of rows) {
    const found = reading.idNumber ? (byId.get(reading.idNumber) ?? []) : [];
    if (found.length > 0 || !reading.name) {
      result.set(row, { level: found.length > 0 ? 'certain' : null, candidates: found });
      continue;
    }
    const place: Place = reading.divisionCode ?? reading.placeCodes ?? null;
    const fallback = reading.idNumber !== null;
    const candidates = person
      ? membersOf(members, reading.name, place)
      : childrenOf(children, { name: reading.name, birthDate: reading.birthDate, divisionCode: place });
    result.set(row, bestOf(fallback ? candidates.map(idNotFound) : candidates));
  }
  return result;
}

/** A parent without a (known) ID number: the same name in the child's village, weak at best. */
function membersOf(members: readonly MemberCandidate[], name: string, place: Place): Candidate[] {
  return members
    .filter((m) => m.memberName === name)
    .flatMap((m) => {
      if (placeReason(place, [m.residenceCode, m.hukouCode]) !== 'same_village') return [];
      const match: Match = { level: 'weak', score: 60, reasons: ['same_name', 'same_village'] };
      return [{ ...m, match }];
    });
}

function childrenOf(
  children: readonly ChildCandidate[],
  row: { name: string; birthDate: string | null; divisionCode: Place },
): Candidate[] {
  if (!row.birthDate) return [];
  const pinyin = fullPinyinOf(row.name);
  return children.flatMap((c) => {
    const match = scoreChild({ name: row.name, birthDate: row.birthDate!, divisionCode: row.divisionCode }, c, pinyin);
    if (!match) return [];
    return [
      {
        childId: c.childId,
        childName: c.name,
        havenCode: c.havenCode,
        memberId: null,
        memberName: null,
        relation: null,
        match,
      },
    ];
  });
}

/** The row's ID number matched nobody: a name match is only weak, and says why. */
export function idNotFound(candidate: Candidate): Candidate {
  const { score, reasons } = candidate.match;
  return {
    ...candidate,
    match: {
      level: 'weak',
      score: Math.max(0, score - idNotFoundPenalty),
      reasons: ['id_number_not_found', ...reasons],
    },
  };
}
