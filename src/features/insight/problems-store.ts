import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { type DivisionLevel, levelOf, subtreePrefix } from '../../core/places.js';
import { significantDigits } from './rules.js';
import './snapshot-tables.js';

export interface MonthlyCount {
  month: string;
  indicator: string;
  value: number;
}

/**
 * Each stored count summed over `within`'s subtree, per month from `from` (YYYY-MM-01) on: a place
 * above the village reads its own stored totals (0105), a village its own rows.
 */
export async function subtreeTrends(db: Kysely<Database>, within: string, from: string): Promise<MonthlyCount[]> {
  const level = levelOf(within);
  if (level && level !== 'village') {
    const { rows } = await sql<MonthlyCount>`
      SELECT to_char(month, 'YYYY-MM') AS month, indicator, value::float8 AS value FROM insight_snapshot_totals
      WHERE level = ${level} AND division_code = ${within} AND month >= ${from}::date`.execute(db);
    return rows;
  }
  const { rows } = await sql<MonthlyCount>`
    SELECT to_char(month, 'YYYY-MM') AS month, indicator, sum(value)::float8 AS value FROM insight_snapshots
    WHERE month >= ${from}::date AND division_code LIKE ${`${subtreePrefix(within)}%`}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

export interface PlaceCount {
  code: string;
  indicator: string;
  value: number;
}

/** Each stored count of one month per division at `level` inside `within`. */
export async function countsBelow(
  db: Kysely<Database>,
  within: string,
  level: DivisionLevel,
  month: string,
): Promise<PlaceCount[]> {
  if (level !== 'village') {
    const { rows } = await sql<PlaceCount>`
      SELECT division_code AS code, indicator, value::float8 AS value FROM insight_snapshot_totals
      WHERE level = ${level} AND month = ${month}::date AND division_code LIKE ${`${subtreePrefix(within)}%`}`.execute(
      db,
    );
    return rows;
  }
  const digits = significantDigits(level);
  const { rows } = await sql<PlaceCount>`
    SELECT rpad(left(division_code, ${digits}), 12, '0') AS code, indicator, sum(value)::float8 AS value
    FROM insight_snapshots WHERE month = ${month}::date AND division_code LIKE ${`${subtreePrefix(within)}%`}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

export async function newestSnapshot(db: Kysely<Database>): Promise<Date | null> {
  const row = await db
    .selectFrom('insight_snapshot_months')
    .select((eb) => eb.fn.max('as_of').as('at'))
    .executeTakeFirst();
  return row?.at ?? null;
}

/** Current divisions one level below `within` (with names), and names of the codes asked. */
export async function divisionNames(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{ code: string; name: string }>`
    SELECT DISTINCT ON (code) code, name FROM divisions WHERE code = ANY(${[...codes]}::text[])
    ORDER BY code, valid_to DESC NULLS FIRST`.execute(db);
  return new Map(rows.map((row) => [row.code, row.name]));
}

const depthOf: Record<DivisionLevel, number> = { province: 1, city: 2, county: 3, township: 4, village: 5 };

/** Current divisions at `level` matching `pattern` under `prefix`, with their names (by depth: an index). */
export async function currentDivisionsBelow(
  db: Kysely<Database>,
  pattern: string,
  prefix: string,
  level: DivisionLevel,
): Promise<{ code: string; name: string }[]> {
  const { rows } = await sql<{ code: string; name: string }>`
    SELECT DISTINCT ON (code) code, name FROM divisions
    WHERE depth = ${depthOf[level]} AND code LIKE ${`${prefix}%`} AND valid_to IS NULL AND code ~ ${pattern}
    ORDER BY code`.execute(db);
  return rows;
}
