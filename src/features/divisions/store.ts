import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { type DivisionLevel, type DivisionQuery, type KnownDivision, queryGrams } from './rules.js';
import './tables.js';

/*
 * Reads of the division tree. Divisions are public reference data (the same map for everyone), so
 * these queries take no access scope; children's data filtered by division use `code LIKE prefix`.
 */

export interface DivisionRecord {
  code: string;
  name: string;
  shortName: string;
  level: DivisionLevel;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
}

export interface ChildRecord extends DivisionRecord {
  hasChildren: boolean;
}

export interface SearchRecord extends DivisionRecord {
  /** 0 exact, 1 prefix, 2 substring, 3 fuzzy. */
  tier: number;
}

const hasCurrentChildren = sql<boolean>`EXISTS (SELECT 1 FROM divisions c WHERE c.parent_code = divisions.code AND c.valid_to IS NULL)`;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('divisions')
    .select([
      'code',
      'name',
      'short_name as shortName',
      'level',
      'parent_code as parentCode',
      'valid_from as validFrom',
      'valid_to as validTo',
      'successor_code as successorCode',
    ]);
}

export async function findDivision(db: Kysely<Database>, code: string): Promise<DivisionRecord | undefined> {
  return baseQuery(db).where('code', '=', code).executeTakeFirst();
}

export async function findDivisions(db: Kysely<Database>, codes: readonly string[]): Promise<DivisionRecord[]> {
  if (codes.length === 0) return [];
  return baseQuery(db)
    .where('code', 'in', [...new Set(codes)])
    .execute();
}

export async function hasChildren(db: Kysely<Database>, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('divisions')
    .select('code')
    .where('parent_code', '=', code)
    .where('valid_to', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Current divisions one level below `parentCode` (the provinces when null), in code order. */
export async function listCurrentChildren(db: Kysely<Database>, parentCode: string | null): Promise<ChildRecord[]> {
  return baseQuery(db)
    .select(hasCurrentChildren.as('hasChildren'))
    .where((eb) => (parentCode === null ? eb('parent_code', 'is', null) : eb('parent_code', '=', parentCode)))
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
}

export async function listHistory(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('division_history')
    .select(['name', 'parent_code as parentCode', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('code', '=', code)
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
}

/** Every division of a province, current or closed, as the dataset loader compares them. */
export async function readProvince(db: Kysely<Database>, prefix: string): Promise<KnownDivision[]> {
  return db
    .selectFrom('divisions')
    .select(['code', 'name', 'level', 'parent_code as parentCode', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('code', 'like', `${prefix}%`)
    .execute();
}

const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * Current divisions matching a query inside the subtree `prefix`, best first: exact, then prefix,
 * then substring; within a tier higher levels first, then code order. Fuzzy matches are a second
 * query, run only when the first leaves room.
 */
export async function searchDivisions(
  db: Kysely<Database>,
  query: DivisionQuery,
  prefix: string,
  limit: number,
): Promise<SearchRecord[]> {
  const ranked = await db
    .selectFrom('divisions')
    .select([
      'code',
      'name',
      'short_name as shortName',
      'level',
      'parent_code as parentCode',
      'valid_from as validFrom',
      'valid_to as validTo',
      'successor_code as successorCode',
    ])
    .select(tierOf(query).as('tier'))
    .where('valid_to', 'is', null)
    .where('code', 'like', `${prefix}%`)
    .where(matches(query))
    // The exact code is the one shallowest row of its prefix, so depth order is tier order there.
    .$if(query.kind !== 'code', (qb) => qb.orderBy('tier'))
    .orderBy('depth')
    .orderBy('code')
    .limit(limit)
    .execute();
  const room = limit - ranked.length;
  if (room <= 0) return ranked;
  return [...ranked, ...(await fuzzySearch(db, query, prefix, room))];
}

function tierOf(query: DivisionQuery) {
  switch (query.kind) {
    case 'code':
      return sql<number>`CASE WHEN code = ${query.exact ?? ''} THEN 0 ELSE 1 END`;
    case 'name': {
      const [text, short] = [likeLiteral(query.text), likeLiteral(query.short)];
      return sql<number>`CASE WHEN name = ${query.text} OR short_name = ${query.short} THEN 0
        WHEN name LIKE ${`${text}%`} OR short_name LIKE ${`${short}%`} THEN 1 ELSE 2 END`;
    }
    case 'pinyin':
      return sql<number>`CASE WHEN pinyin = ${query.text} OR initials = ${query.text} THEN 0
        WHEN pinyin LIKE ${`${query.text}%`} OR initials LIKE ${`${query.text}%`} THEN 1 ELSE 2 END`;
  }
}

function matches(query: DivisionQuery) {
  switch (query.kind) {
    case 'code':
      return sql<boolean>`code LIKE ${`${query.prefix}%`}`;
    case 'name':
      // One character is in half the names; as with short pinyin, only names starting with it count.
      if ([...query.text].length === 1) return sql<boolean>`name LIKE ${`${likeLiteral(query.text)}%`}`;
      return sql<boolean>`${nameContains(query)} AND name_grams @> ${queryGrams(query.short)}::text[]`;
    case 'pinyin': {
      const text = query.text;
      // A substring of one or two letters matches half the province; only prefixes count then.
      const inside = text.length >= 3 ? sql<boolean>`OR pinyin LIKE ${`%${text}%`}` : sql<boolean>``;
      return sql<boolean>`(pinyin LIKE ${`${text}%`} OR initials LIKE ${`${text}%`} ${inside})`;
    }
  }
}

function nameContains(query: Extract<DivisionQuery, { kind: 'name' }>) {
  return sql<boolean>`(name LIKE ${`%${likeLiteral(query.text)}%`} OR short_name LIKE ${`%${likeLiteral(query.short)}%`})`;
}

/** Names sharing at least half the query's character pairs; pinyin within a typo or two. */
async function fuzzySearch(
  db: Kysely<Database>,
  query: DivisionQuery,
  prefix: string,
  limit: number,
): Promise<SearchRecord[]> {
  const columns = sql`code, name, short_name AS "shortName", level, parent_code AS "parentCode", valid_from AS "validFrom", valid_to AS "validTo", successor_code AS "successorCode", 3 AS tier`;
  if (query.kind === 'name' && [...query.short].length >= 3) {
    const pairs = queryGrams(query.short);
    const result = await sql<SearchRecord>`
      SELECT ${columns} FROM divisions,
        LATERAL (SELECT count(*) AS shared FROM unnest(name_grams) AS g WHERE g = ANY(${pairs}::text[])) AS s
      WHERE valid_to IS NULL AND code LIKE ${`${prefix}%`} AND name_grams && ${pairs}::text[]
        AND NOT ${nameContains(query)} AND s.shared * 2 >= ${pairs.length}
      ORDER BY s.shared DESC, depth, code LIMIT ${limit}`.execute(db);
    return result.rows;
  }
  if (query.kind === 'pinyin' && query.text.length >= 4) {
    const text = query.text;
    const result = await sql<SearchRecord>`
      SELECT ${columns} FROM divisions
      WHERE valid_to IS NULL AND code LIKE ${`${prefix}%`} AND ${text} <% pinyin
        AND NOT (pinyin LIKE ${`%${text}%`} OR initials LIKE ${`${text}%`})
      ORDER BY word_similarity(${text}, pinyin) DESC, depth, code LIMIT ${limit}`.execute(db);
    return result.rows;
  }
  return [];
}
