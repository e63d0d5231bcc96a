import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { childPartVisibleTo } from '../../../core/scope/need-to-know.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import type { Database } from '../../../platform/db/schema.js';
import { subtreePrefix } from '../../../core/places.js';
import type { CategoryCode, ChildStatus, RiskGrade } from '../tables.js';
import type { ListSort, MatchedOn } from '../../../contract/registry/search.js';
import { pageByRelevance, pageBySort } from './ranked-page.js';
import { countCap } from './rules.js';
import { scopePaths } from './scope-paths.js';
import { matchedOn, type SearchQuery, type Tier, tiersOf } from './tiers.js';
import { systemScope } from '../../../core/scope/system-scope.js';

type Db = Kysely<Database>;

export interface SearchFilter {
  query: SearchQuery | null;
  /** Grams a name query must contain (queryGramsOf), for the GIN index; the LIKE rechecks. */
  grams: string[];
  within?: string;
  category?: CategoryCode;
  riskGrade?: RiskGrade;
  status: ChildStatus | 'all';
  bornOnOrBefore?: string;
  bornAfter?: string;
  sort: ListSort;
  page: number;
  pageSize: number;
}

export interface SearchRow {
  id: string;
  haven_code: string;
  name: string;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  id_number: string | null;
  residence_code: string;
  risk_grade: RiskGrade | null;
  status: ChildStatus;
  version: number;
  matched: MatchedOn | null;
}

function matchingInScope(actor: Actor, filter: SearchFilter) {
  return (eb: ExpressionBuilder<Database, 'children'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [childInScope(actor)(eb)];
    all.push(
      filter.status === 'all' ? eb('children.status', '<>', 'merged') : eb('children.status', '=', filter.status),
    );
    if (filter.within) all.push(eb('children.residence_code', 'like', `${subtreePrefix(filter.within)}%`));
    if (filter.riskGrade) all.push(eb('children.risk_grade', '=', filter.riskGrade));
    // Filtering by what the assessment holds must not reveal it about a child whose assessment is not shared.
    if (filter.riskGrade || filter.category) all.push(childPartVisibleTo(actor, 'assessment')(eb));
    if (filter.bornOnOrBefore) all.push(eb('children.birth_date', '<=', filter.bornOnOrBefore));
    if (filter.bornAfter) all.push(eb('children.birth_date', '>', filter.bornAfter));
    if (filter.category) {
      const category = filter.category;
      all.push(
        eb.exists(
          eb
            .selectFrom('child_categories')
            .select(sql`1`.as('one'))
            .whereRef('child_categories.child_id', '=', 'children.id')
            .where('child_categories.category', '=', category)
            .where('child_categories.state', '=', 'confirmed'),
        ),
      );
    }
    return eb.and(all);
  };
}

function orderOf(sort: ListSort, table: 'children' | 'best') {
  const col = (name: string) => sql.ref(`${table}.${name}`);
  switch (sort) {
    case 'relevance':
      // With a query, relevance is read tier by tier (pageByRelevance); without one it is the name.
      return sql`${col('name')}, ${col('id')}`;
    case 'birth_date':
      return sql`${col('birth_date')} ASC NULLS LAST, ${col('id')}`;
    case 'birth_date_desc':
      return sql`${col('birth_date')} DESC NULLS LAST, ${col('id')}`;
    case 'updated':
      return sql`${col('updated_at')} DESC, ${col('id')}`;
    case 'haven_code':
      return sql`${col('haven_code')}`;
    default:
      return sql`${col('name')}, ${col('id')}`;
  }
}

/** The list without a query: every child in scope, none matched on anything. */
const everyChild: Tier = { rank: 0, parts: [() => sql<SqlBool>`true`] };

/**
 * One page of children through the actor's scope, and the number of matches counted up to
 * countCap + 1 (a million-row count on every keystroke would cost more than the page itself).
 */
export async function searchChildrenInScope(
  db: Db,
  actor: Actor,
  filter: SearchFilter,
): Promise<{ rows: SearchRow[]; total: number; capped: boolean }> {
  const all = db.selectFrom('children').where(matchingInScope(actor, filter));
  const scoped = {
    all,
    parts: (await scopePaths(db, actor)).map((path) => ({ query: all.where(path.where), small: path.small })),
  };
  const query = filter.query;
  const page = {
    offset: (filter.page - 1) * filter.pageSize,
    size: filter.pageSize,
    cap: countCap,
    matchedOf: (rank: number) => (query ? matchedOn(query, rank) : null),
  };
  const order = orderOf(filter.sort, 'best');
  let found: { rows: SearchRow[]; total: number };
  if (!query) found = await pageBySort(db, scoped, [everyChild], order, page);
  else if (filter.sort === 'relevance') found = await pageByRelevance(db, scoped, tiersOf(query, filter.grams), page);
  else found = await pageBySort(db, scoped, tiersOf(query, filter.grams), order, page);
  return { rows: found.rows, total: Math.min(found.total, countCap), capped: found.total > countCap };
}

/** Names of the divisions children live in, as "township village" (or the division itself above township). */
export async function residenceNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  for (const code of codes) {
    wanted.add(code);
    wanted.add(`${code.slice(0, 9)}000`);
    wanted.add(`${code.slice(0, 6)}000000`);
  }
  const names = new Map<string, string>();
  if (wanted.size === 0) return names;
  const rows = await db
    .selectFrom('divisions')
    .select(['code', 'name', 'short_name', 'level'])
    .where('code', 'in', [...wanted])
    .execute();
  // A village's name carries its committee ("陈龙村村民委员会"); people say "岑河镇陈龙村".
  for (const row of rows) names.set(row.code, row.level === 'village' ? row.short_name : row.name);
  const result = new Map<string, string>();
  for (const code of codes) {
    const own = names.get(code) ?? code;
    const township = names.get(`${code.slice(0, 9)}000`);
    result.set(code, code.endsWith('000') || !township ? own : `${township}${own}`);
  }
  return result;
}

/** Names of the counties of the given division codes. */
export async function countyNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const counties = [...new Set(codes.map((code) => `${code.slice(0, 6)}000000`))];
  const rows =
    counties.length === 0
      ? []
      : await db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', counties).execute();
  const byCode = new Map(rows.map((row) => [row.code, row.name]));
  return new Map(codes.map((code) => [code, byCode.get(`${code.slice(0, 6)}000000`) ?? code.slice(0, 6)]));
}

/** Confirmed category memberships of the given children. */
export async function confirmedCategories(db: Db, childIds: readonly string[]): Promise<Map<string, CategoryCode[]>> {
  const result = new Map<string, CategoryCode[]>();
  if (childIds.length === 0) return result;
  const rows = await db
    .selectFrom('child_categories')
    .where(systemScope('children of a page read through childInScope'))
    .select(['child_id', 'category'])
    .where('child_id', 'in', [...childIds])
    .where('state', '=', 'confirmed')
    .orderBy('category')
    .execute();
  for (const row of rows) result.set(row.child_id, [...(result.get(row.child_id) ?? []), row.category]);
  return result;
}
