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
const placeScore: Partial<Record<MatchReason, number>> = { same_village: 20, same_county: 10, no_place: 0 };

/** Where a row's place stands to the child's residence or household registration (null: another county). */
function placeReason(divisionCode: string | null, places: readonly (string | null)[]): MatchReason | null {
  if (!divisionCode) return 'no_place';
  const known = places.filter((p): p is string => Boolean(p));
  if (known.includes(divisionCode)) return 'same_village';
  if (known.some((p) => p.slice(0, 6) === divisionCode.slice(0, 6))) return 'same_county';
  return null;
}

/**
 * How well a child fits a row without an ID number (pure): the birth date must be the same; the
 * name the same, a former name or read the same in pinyin; the place the same village or county.
 * Only the same name in the same village is strong; everything else is weak (a person confirms).
 */
export function scoreChild(
  row: { name: string; birthDate: string; divisionCode: string | null },
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

  const byName = rows.filter(({ reading }) => !reading.idNumber && reading.name);
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
    if (reading.idNumber) {
      const found = byId.get(reading.idNumber) ?? [];
      result.set(row, { level: found.length > 0 ? 'certain' : null, candidates: found });
      continue;
    }
    const name = reading.name!;
    if (person) {
      const found: Candidate[] = members
        .filter((m) => m.memberName === name)
        .flatMap((m) => {
          const place = placeReason(reading.divisionCode, [m.residenceCode, m.hukouCode]);
          if (place !== 'same_village') return [];
          const match: Match = { level: 'weak', score: 60, reasons: ['same_name', 'same_village'] };
          return [{ ...m, match }];
        });
      result.set(row, bestOf(found));
      continue;
    }
    if (!reading.birthDate) {
      result.set(row, { level: null, candidates: [] });
      continue;
    }
    const pinyin = fullPinyinOf(name);
    const found = children.flatMap((c) => {
      const match = scoreChild({ name, birthDate: reading.birthDate!, divisionCode: reading.divisionCode }, c, pinyin);
      return match
        ? [
            {
              childId: c.childId,
              childName: c.name,
              havenCode: c.havenCode,
              memberId: null,
              memberName: null,
              relation: null,
              match,
            },
          ]
        : [];
    });
    result.set(row, bestOf(found));
  }
  return result;
}
