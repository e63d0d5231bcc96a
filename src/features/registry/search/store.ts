import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { childInScope } from '../../../platform/access/scope.js';
import type { Database } from '../../../platform/db/schema.js';
import { subtreePrefix } from '../../divisions/rules.js';
import type { CategoryCode, ChildStatus, RiskGrade } from '../tables.js';
import type { ListSort, MatchedOn } from './model.js';
import { countCap, type ParsedQuery } from './rules.js';

type Db = Kysely<Database>;

export interface SearchFilter {
  query: Exclude<ParsedQuery, { kind: 'too_short_digits' }> | null;
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

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

type Where = (eb: ExpressionBuilder<Database, 'children'>) => Expression<SqlBool>;

/**
 * Children matching the query and the filters, each with a rank (lower is better) and what it
 * matched on. Filters are applied inside each branch, so no branch joins back to a large table.
 */
function hits(db: Db, query: NonNullable<SearchFilter['query']>, grams: string[], where: Where) {
  const text = query.text;
  const contains = `%${escapeLike(text)}%`;
  const prefix = `${escapeLike(text)}%`;
  const own = (rank: RawBuilder<number>, matched: MatchedOn) => db.selectFrom('children').select([...columns, rank.as('rank'), sql.lit(matched).$castTo<MatchedOn>().as('matched')]).where(where);
  const family = (rank: RawBuilder<number>) =>
    db
      .selectFrom('family_members')
      .innerJoin('children', 'children.id', 'family_members.child_id')
      .select([...columns, rank.as('rank'), sql.lit('guardian').$castTo<MatchedOn>().as('matched')])
      .where('family_members.removed_at', 'is', null)
      .where(where);
  switch (query.kind) {
    case 'haven_code':
      return own(sql<number>`0`, 'id').where('children.haven_code', '=', text);
    case 'digits':
      return own(sql<number>`CASE WHEN children.id_number = ${text} THEN 0 WHEN children.id_number LIKE ${prefix} THEN 1 ELSE 2 END`, 'id')
        .where('children.id_number', 'like', contains)
        .unionAll(family(sql<number>`4`).where('family_members.phone', 'is not', null).where(sql<boolean>`regexp_replace(family_members.phone, '\\D', '', 'g') LIKE ${contains}`));
    case 'pinyin': {
      const rank = sql<number>`CASE WHEN (' ' || children.pinyin_text || ' ') LIKE ${`% ${escapeLike(text)} %`} THEN 0 WHEN (' ' || children.pinyin_text) LIKE ${`% ${prefix}`} THEN 1 ELSE 2 END`;
      // Under three letters a substring has no trigram to look up: match the start of a key instead.
      const match =
        text.length >= 3
          ? (eb: ExpressionBuilder<Database, 'children'>) => eb('children.pinyin_text', 'like', contains)
          : (eb: ExpressionBuilder<Database, 'children'>) => eb.or([eb('children.pinyin_text', 'like', prefix), eb('children.pinyin_text', 'like', `% ${prefix}`)]);
      return own(rank, 'pinyin').where(match);
    }
    case 'name': {
      const rank = sql<number>`CASE WHEN children.name = ${text} THEN 0 WHEN children.name LIKE ${prefix} THEN 1 WHEN children.name LIKE ${contains} THEN 2 ELSE 3 END`;
      const named = own(rank, 'name')
        .where(sql<boolean>`children.name_grams @> ${sql.val(grams)}::text[]`)
        .where((eb) => eb.or([eb('children.name', 'like', contains), sql<boolean>`EXISTS (SELECT 1 FROM unnest(children.former_names) AS former WHERE former LIKE ${contains})`]));
      if ([...text].length < 2) return named;
      return named.unionAll(family(sql<number>`CASE WHEN family_members.name = ${text} THEN 4 ELSE 5 END`).where('family_members.name', 'like', prefix));
    }
  }
}

function filters(actor: Actor, filter: SearchFilter) {
  return (eb: ExpressionBuilder<Database, 'children'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [childInScope(actor)(eb)];
    all.push(filter.status === 'all' ? eb('children.status', '<>', 'merged') : eb('children.status', '=', filter.status));
    if (filter.within) all.push(eb('children.residence_code', 'like', `${subtreePrefix(filter.within)}%`));
    if (filter.riskGrade) all.push(eb('children.risk_grade', '=', filter.riskGrade));
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

const columns = ['children.id', 'children.haven_code', 'children.name', 'children.sex', 'children.birth_date', 'children.id_number', 'children.residence_code', 'children.risk_grade', 'children.status', 'children.version', 'children.updated_at'] as const;

function orderOf(sort: ListSort, table: 'children' | 'best') {
  const col = (name: string) => sql.ref(`${table}.${name}`);
  switch (sort) {
    case 'relevance':
      return table === 'best' ? sql`best.rank, best.name, best.id` : sql`children.name, children.id`;
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

/**
 * One page of children through the actor's scope, and the number of matches counted up to
 * countCap + 1 (a million-row count on every keystroke would cost more than the page itself).
 */
export async function searchChildrenInScope(db: Db, actor: Actor, filter: SearchFilter): Promise<{ rows: SearchRow[]; total: number; capped: boolean }> {
  const offset = (filter.page - 1) * filter.pageSize;
  const where = filters(actor, filter);
  let page;
  let counted;
  if (filter.query) {
    const query = filter.query;
    const base = db
      .with('hits', () => hits(db, query, filter.grams, where))
      .with('best', (qb) => qb.selectFrom('hits').distinctOn('hits.id').selectAll('hits').orderBy('hits.id').orderBy('hits.rank'))
      .selectFrom('best');
    page = base.selectAll('best').orderBy(orderOf(filter.sort, 'best')).limit(filter.pageSize).offset(offset).execute();
    counted = db.selectFrom(base.select(sql`1`.as('one')).limit(countCap + 1).as('capped')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  } else {
    const base = db.selectFrom('children').where(where);
    page = base.select([...columns, sql<MatchedOn | null>`NULL`.as('matched')]).orderBy(orderOf(filter.sort, 'children')).limit(filter.pageSize).offset(offset).execute();
    counted = db.selectFrom(base.select(sql`1`.as('one')).limit(countCap + 1).as('capped')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  }
  const [rows, count] = await Promise.all([page, counted]);
  const capped = count.n > countCap;
  return { rows: rows as SearchRow[], total: capped ? countCap : count.n, capped };
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
  const rows = await db.selectFrom('divisions').select(['code', 'name', 'short_name', 'level']).where('code', 'in', [...wanted]).execute();
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
  const rows = counties.length === 0 ? [] : await db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', counties).execute();
  const byCode = new Map(rows.map((row) => [row.code, row.name]));
  return new Map(codes.map((code) => [code, byCode.get(`${code.slice(0, 6)}000000`) ?? code.slice(0, 6)]));
}

/** Confirmed category memberships of the given children. */
export async function confirmedCategories(db: Db, childIds: readonly string[]): Promise<Map<string, CategoryCode[]>> {
  const result = new Map<string, CategoryCode[]>();
  if (childIds.length === 0) return result;
  const rows = await db.selectFrom('child_categories').select(['child_id', 'category']).where('child_id', 'in', [...childIds]).where('state', '=', 'confirmed').orderBy('category').execute();
  for (const row of rows) result.set(row.child_id, [...(result.get(row.child_id) ?? []), row.category]);
  return result;
}
