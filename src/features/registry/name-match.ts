import { type Kysely, sql, type Transaction } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { pinyinKeysOf } from './search-keys.js';
import './tables.js';

/*
 * Who a roll's row may be when it has no ID number: the children the caller may see with the same
 * birth date and the same name, a former name, or a name read the same in pinyin (a variant
 * character: 陈建华 / 陈建樺); the family members the caller may see with the same name. Scoring
 * is the caller's: this only finds candidates.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface ChildCandidate {
  childId: string;
  name: string;
  formerNames: string[];
  /** Full pinyin of the current name (the first key of the search keys). */
  pinyin: string;
  birthDate: string;
  havenCode: string;
  residenceCode: string;
  hukouCode: string | null;
}

export interface MemberCandidate {
  childId: string;
  childName: string;
  havenCode: string;
  memberId: string;
  memberName: string;
  relation: string;
  residenceCode: string;
  hukouCode: string | null;
}

/** The full pinyin people's names are compared by (empty for a name with no letters). */
export function fullPinyinOf(name: string): string {
  return pinyinKeysOf(name)[0] ?? '';
}

/** Active children in the caller's scope born on one of the dates, named (now or before) or read like one of the names. */
export async function childrenByNameAndBirthIn(
  db: Db,
  actor: Actor,
  people: readonly { name: string; birthDate: string }[],
): Promise<ChildCandidate[]> {
  if (people.length === 0) return [];
  const names = [...new Set(people.map((p) => p.name))];
  const births = [...new Set(people.map((p) => p.birthDate))];
  const pinyins = [...new Set(names.map(fullPinyinOf).filter(Boolean))];
  const rows = await db
    .selectFrom('children')
    .select([
      'id',
      'name',
      'former_names',
      'birth_date',
      'haven_code',
      'residence_code',
      'hukou_code',
      sql<string>`split_part(pinyin_text, ' ', 1)`.as('pinyin'),
    ])
    .where(childInScope(actor))
    .where('children.status', '=', 'active')
    .where('children.birth_date', 'in', births)
    .where((eb) =>
      eb.or([
        eb('children.name', 'in', names),
        sql<boolean>`children.former_names && ${sql.val(names)}::text[]`,
        ...(pinyins.length > 0 ? [eb(sql`split_part(children.pinyin_text, ' ', 1)`, 'in', pinyins)] : []),
      ]),
    )
    .limit(5_000)
    .execute();
  return rows.map((row) => ({
    childId: row.id,
    name: row.name,
    formerNames: [...row.former_names],
    pinyin: row.pinyin,
    birthDate: row.birth_date!,
    havenCode: row.haven_code,
    residenceCode: row.residence_code,
    hukouCode: row.hukou_code,
  }));
}

/** Family members (not removed) of active children in the caller's scope with one of the names. */
export async function membersByNameIn(db: Db, actor: Actor, names: readonly string[]): Promise<MemberCandidate[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('family_members')
    .innerJoin('children', 'children.id', 'family_members.child_id')
    .select([
      'children.id as childId',
      'children.name as childName',
      'children.haven_code as havenCode',
      'family_members.id as memberId',
      'family_members.name as memberName',
      'family_members.relation',
      'children.residence_code as residenceCode',
      'children.hukou_code as hukouCode',
    ])
    .where(childInScope(actor))
    .where('children.status', '=', 'active')
    .where('family_members.removed_at', 'is', null)
    .where('family_members.name', 'in', [...new Set(names)])
    .limit(5_000)
    .execute();
}
