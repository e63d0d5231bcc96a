import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import type { MatchedOn } from '../../../contract/registry/search.js';
import type { SearchRow } from './store.js';
import type { Tier } from './tiers.js';

type Db = Kysely<Database>;
type ChildQuery = SelectQueryBuilder<Database, 'children', object>;

/**
 * The children of the actor's scope and the list's filters: `all` as one query, and the same as
 * disjoint parts each found by its own index (scopePaths), a small part being read whole.
 */
export interface Scoped {
  all: ChildQuery;
  parts: readonly { query: ChildQuery; small: boolean }[];
}

export interface PageSpec {
  offset: number;
  size: number;
  /** Matches are counted up to cap + 1: above the cap the list says "cap+". */
  cap: number;
  matchedOf: (rank: number) => MatchedOn | null;
}

export const columns = [
  'children.id',
  'children.haven_code',
  'children.name',
  'children.sex',
  'children.birth_date',
  'children.id_number',
  'children.residence_code',
  'children.risk_grade',
  'children.status',
  'children.version',
  'children.updated_at',
] as const;

function unionOf<T extends SelectQueryBuilder<Database, 'children', object>>(branches: readonly T[]): T {
  return branches.slice(1).reduce((union, branch) => union.unionAll(branch) as T, branches[0]!);
}

const rankOf = (tier: Tier) => (typeof tier.rank === 'number' ? sql.lit(tier.rank) : tier.rank);

/** Every part of every tier as one predicate, each row's rank told by the part it meets. */
function collapsed(query: ChildQuery, tiers: readonly Tier[]) {
  const arms = tiers.flatMap((tier) => tier.parts.map((where) => ({ where, tier })));
  return query
    .where((eb) => eb.or(arms.map((arm) => arm.where(eb))))
    .select((eb) => [
      'children.id',
      'children.name',
      sql<number>`CASE ${sql.join(
        arms.map((arm) => sql`WHEN ${arm.where(eb)} THEN ${rankOf(arm.tier)}`),
        sql` `,
      )} END`.as('rank'),
    ]);
}

/**
 * The matches of the tiers, keyed for ordering (id, name, rank): in a large part one
 * branch per tier and part, read in tier order and from covering indexes where they exist; a
 * small part is one branch for all tiers.
 */
function keysOf(scoped: Scoped, tiers: readonly Tier[]) {
  return unionOf(
    scoped.parts.flatMap((part) =>
      part.small
        ? [collapsed(part.query, tiers)]
        : tiers.flatMap((tier) =>
            tier.parts.map((where) =>
              part.query
                .where(where)
                .select(['children.id', 'children.name', rankOf(tier).$castTo<number>().as('rank')]),
            ),
          ),
    ),
  );
}

async function countUpTo(db: Db, keys: ReturnType<typeof keysOf>, limit: number): Promise<number> {
  const row = await db
    .selectFrom(keys.limit(limit).as('capped'))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * A page in relevance order (rank, then name, then id) and the number of matches up to cap + 1.
 * One statement reads the tiers best first, stops at cap + 1 matches and joins the page's rows:
 * when there are no more matches it has seen them all and the page is among them. Otherwise the
 * page is read tier by tier in name order (an index walk that stops at the page), so a common
 * character never sorts its tens of thousands of matches.
 */
export async function pageByRelevance(
  db: Db,
  scoped: Scoped,
  tiers: readonly Tier[],
  page: PageSpec,
): Promise<{ rows: SearchRow[]; total: number }> {
  const bounded = keysOf(scoped, tiers)
    .limit(page.cap + 1)
    .as('tier');
  const ranked = db
    .selectFrom(bounded)
    .select(['tier.id', 'tier.name', 'tier.rank', sql<number>`count(*) OVER ()::int`.as('n')])
    .orderBy(sql`tier.rank, tier.name, tier.id`)
    .limit(page.size)
    .offset(page.offset)
    .as('page');
  const got = await db
    .selectFrom(ranked)
    .innerJoin('children', 'children.id', 'page.id')
    .select([...columns, 'page.rank', 'page.n'])
    .orderBy(sql`page.rank, page.name, page.id`)
    .execute();
  const total = got[0]?.n ?? (page.offset > 0 ? await countUpTo(db, keysOf(scoped, tiers), page.cap + 1) : 0);
  if (total <= page.cap)
    return {
      rows: got.map(({ n: _n, rank, ...row }) => ({ ...row, matched: page.matchedOf(rank) }) as SearchRow),
      total,
    };
  const hits: { id: string; rank: number }[] = [];
  let skip = page.offset;
  for (const tier of tiers) {
    const take = page.size - hits.length;
    if (take === 0) break;
    const order = typeof tier.rank === 'number' ? sql`tier.name, tier.id` : sql`tier.rank, tier.name, tier.id`;
    const found = await db
      .selectFrom(keysOf(scoped, [tier]).as('tier'))
      .select(['tier.id', 'tier.rank'])
      .orderBy(order)
      .limit(take)
      .offset(skip)
      .execute();
    hits.push(...found);
    if (found.length > 0) skip = 0;
    else if (skip > 0) skip -= await countUpTo(db, keysOf(scoped, [tier]), skip);
  }
  const rows =
    hits.length === 0
      ? []
      : await scoped.all
          .where(
            'children.id',
            'in',
            hits.map((hit) => hit.id),
          )
          .select(columns)
          .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    rows: hits.flatMap((hit) =>
      byId.has(hit.id) ? [{ ...byId.get(hit.id)!, matched: page.matchedOf(hit.rank) } as SearchRow] : [],
    ),
    total,
  };
}

/** A page in another order (name, birth date, …): tiers and parts are disjoint, so their union needs no de-duplication. */
export async function pageBySort(
  db: Db,
  scoped: Scoped,
  tiers: readonly Tier[],
  order: RawBuilder<unknown>,
  page: PageSpec,
): Promise<{ rows: SearchRow[]; total: number }> {
  const all = unionOf(
    scoped.parts.flatMap((part) =>
      tiers.flatMap((tier) =>
        tier.parts.map((where) =>
          part.query.where(where).select([...columns, rankOf(tier).$castTo<number>().as('rank')]),
        ),
      ),
    ),
  );
  const rows = db
    .selectFrom(all.as('best'))
    .selectAll('best')
    .orderBy(order)
    .limit(page.size)
    .offset(page.offset)
    .execute();
  const [found, total] = await Promise.all([rows, countUpTo(db, keysOf(scoped, tiers), page.cap + 1)]);
  return { rows: found.map(({ rank, ...row }) => ({ ...row, matched: page.matchedOf(rank) }) as SearchRow), total };
}
