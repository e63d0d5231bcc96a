import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import type { MatchedOn } from '../../../contract/registry/search.js';
import type { ParsedQuery } from './rules.js';
import { escapeLike } from '../../../platform/text/escape-like.js';

type Eb = ExpressionBuilder<Database, 'children'>;

/**
 * One rank of the relevance order (or a few, told apart per row): the children that match a
 * query this well and no better. Tiers of one query are disjoint and listed best first, so the
 * relevance order is the tiers one after another, each in name order, and a tier can be read on
 * its own: from the index that suits it, and only while the page still has room. The ranks and
 * what each matched on are those of the single ranked query this replaces (0 exact, 1 start,
 * 2 inside, 3 former name, 4 and 5 a guardian).
 */
export interface Tier {
  /** Its rank, or the rank as an expression when one lookup serves several (read in rank order). */
  rank: number | RawBuilder<number>;
  /** Disjoint predicates whose union is the tier, each for one index to find. */
  parts: Where[];
}
type Where = (eb: Eb) => Expression<SqlBool>;

export type SearchQuery = Exclude<ParsedQuery, { kind: 'too_short_digits' }>;

export { escapeLike };

/** A live family member of the child satisfying `condition` (a predicate over `family_members`). */
function familyMember(eb: Eb, condition: Expression<SqlBool>) {
  return eb.exists(
    eb
      .selectFrom('family_members')
      .select(sql`1`.as('one'))
      .whereRef('family_members.child_id', '=', 'children.id')
      .where('family_members.removed_at', 'is', null)
      .where(() => condition),
  );
}

function nameTiers(text: string, grams: readonly string[]): Tier[] {
  const contains = `%${escapeLike(text)}%`;
  const prefix = `${escapeLike(text)}%`;
  const hasGrams = sql<SqlBool>`children.name_grams @> ${sql.val(grams)}::text[]`;
  const formerContains = sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(children.former_names) AS former WHERE former LIKE ${contains})`;
  // What makes a child match by its own names; a guardian's name counts only for the others.
  const own = (eb: Eb) => eb.and([hasGrams, eb.or([eb('children.name', 'like', contains), formerContains])]);
  // The name tiers are read from btree indexes that also hold the scope's columns (0014_search_speed),
  // so counting thousands of matches reads index pages, not a heap page per child.
  const tiers: Tier[] = [
    { rank: 0, parts: [(eb) => eb('children.name', '=', text)] },
    { rank: 1, parts: [(eb) => eb.and([eb('children.name', 'like', prefix), eb('children.name', '<>', text)])] },
    { rank: 2, parts: inside(text, prefix) },
    // Few children have former names: a partial index holds just their grams.
    {
      rank: 3,
      parts: [
        (eb) =>
          eb.and([
            sql<SqlBool>`cardinality(children.former_names) > 0`,
            hasGrams,
            eb('children.name', 'not like', contains),
            formerContains,
          ]),
      ],
    },
  ];
  if ([...text].length < 2) return tiers;
  // Uncorrelated, so it is looked up once and hashed, not once per child.
  const guardianIs = sql<SqlBool>`children.id IN (SELECT child_id FROM family_members WHERE removed_at IS NULL AND name = ${text})`;
  return [
    ...tiers,
    {
      rank: sql<number>`CASE WHEN ${guardianIs} THEN 4 ELSE 5 END`,
      parts: [(eb) => eb.and([familyMember(eb, sql<SqlBool>`family_members.name LIKE ${prefix}`), eb.not(own(eb))])],
    },
  ];
}

/**
 * Names containing the query but not starting with it, split by where it first occurs, each
 * place read from its own index of names from that character on: the second (where the given
 * name of most children starts), the third for one character (the end of most given names), and
 * further in only in names of four or more characters, which a small partial index holds.
 */
function inside(text: string, prefix: string): Where[] {
  const at = (position: number) => sql<SqlBool>`substr(children.name, ${sql.lit(position)}) LIKE ${prefix}`;
  const notAt = (positions: number[]) => (eb: Eb) => positions.map((position) => eb.not(at(position)));
  const one = [...text].length === 1;
  const later = one ? 4 : 3;
  const further = sql<SqlBool>`char_length(children.name) > 3 AND substr(children.name, ${sql.lit(later)}) LIKE ${`%${escapeLike(text)}%`}`;
  return [
    (eb) => eb.and([at(2), eb('children.name', 'not like', prefix)]),
    ...(one ? [(eb: Eb) => eb.and([at(3), ...notAt([2])(eb), eb('children.name', 'not like', prefix)])] : []),
    (eb) => eb.and([further, ...notAt(one ? [2, 3] : [2])(eb), eb('children.name', 'not like', prefix)]),
  ];
}

function digitTiers(text: string): Tier[] {
  const contains = `%${escapeLike(text)}%`;
  const prefix = `${escapeLike(text)}%`;
  const phoneContains = sql<SqlBool>`family_members.phone IS NOT NULL AND regexp_replace(family_members.phone, '\\D', '', 'g') LIKE ${contains}`;
  return [
    { rank: 0, parts: [(eb) => eb('children.id_number', '=', text)] },
    {
      rank: 1,
      parts: [(eb) => eb.and([eb('children.id_number', 'like', prefix), eb('children.id_number', '<>', text)])],
    },
    {
      rank: 2,
      parts: [
        (eb) => eb.and([eb('children.id_number', 'like', contains), eb('children.id_number', 'not like', prefix)]),
      ],
    },
    {
      rank: 4,
      parts: [
        (eb) =>
          eb.and([
            familyMember(eb, phoneContains),
            eb.or([eb('children.id_number', 'is', null), eb('children.id_number', 'not like', contains)]),
          ]),
      ],
    },
  ];
}

function pinyinTiers(text: string): Tier[] {
  const contains = `%${escapeLike(text)}%`;
  const prefix = `${escapeLike(text)}%`;
  const isKey = sql<SqlBool>`(' ' || children.pinyin_text || ' ') LIKE ${`% ${escapeLike(text)} %`}`;
  const startsKey = sql<SqlBool>`(' ' || children.pinyin_text) LIKE ${`% ${prefix}`}`;
  // Under three letters a substring has no trigram to look up: match the start of a key instead.
  const match = (eb: Eb) =>
    text.length >= 3
      ? eb('children.pinyin_text', 'like', contains)
      : eb.or([eb('children.pinyin_text', 'like', prefix), eb('children.pinyin_text', 'like', `% ${prefix}`)]);
  // One trigram lookup finds all three ranks; reading it three times would cost three lookups.
  return [{ rank: sql<number>`CASE WHEN ${isKey} THEN 0 WHEN ${startsKey} THEN 1 ELSE 2 END`, parts: [match] }];
}

/** What a child of this rank matched on: ranks 4 and 5 are a guardian's name or phone, the rest the child's own. */
export function matchedOn(query: SearchQuery, rank: number): MatchedOn {
  if (rank >= 4) return 'guardian';
  return query.kind === 'name' ? 'name' : query.kind === 'pinyin' ? 'pinyin' : 'id';
}

/** The tiers of a query, best first; `grams` are what a name query must contain (queryGramsOf). */
export function tiersOf(query: SearchQuery, grams: readonly string[]): Tier[] {
  switch (query.kind) {
    case 'haven_code':
      return [{ rank: 0, parts: [(eb) => eb('children.haven_code', '=', query.text)] }];
    case 'digits':
      return digitTiers(query.text);
    case 'pinyin':
      return pinyinTiers(query.text);
    case 'name':
      return nameTiers(query.text, grams);
  }
}
