import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { type DivisionLevel, divisionLevels, levelOf, subtreePrefix } from '../../core/places.js';
import type { CountDimension } from './counts-rules.js';
import './counts-tables.js';

type Db = Kysely<Database>;

export interface StoredCount {
  code: string;
  value: string;
  n: number;
}

/**
 * The precomputed counts of `within`'s subtree at `level`: one index range of `registry_counts`
 * (a few thousand rows for a province by township). Residence codes are the key, so these are the
 * children living in the subtree — all of them inside the jurisdiction the caller was checked for.
 */
export async function storedCounts(
  db: Db,
  within: string,
  level: DivisionLevel,
  dimension: CountDimension,
): Promise<StoredCount[]> {
  const prefix = subtreePrefix(within);
  return db
    .selectFrom('registry_counts')
    .select(['division_code as code', 'value', 'n'])
    .where('level', '=', level)
    .where('division_code', '>=', prefix)
    .where('division_code', '<', `${prefix}:`)
    .where('dimension', '=', dimension)
    .execute();
}

export async function countedAt(db: Db): Promise<Date | null> {
  const row = await db.selectFrom('registry_counts_state').select('counted_at').executeTakeFirst();
  return row?.counted_at ?? null;
}

export interface NamedPlace {
  code: string;
  name: string;
  current: boolean;
}

/**
 * `within` and every division of its subtree down to `level` (closed ones marked): the rows' names,
 * including the coarser divisions children may be recorded at directly.
 */
export async function placesAt(db: Db, within: string, level: DivisionLevel): Promise<NamedPlace[]> {
  const depth = (l: DivisionLevel) => divisionLevels.indexOf(l) + 1;
  const withinLevel = levelOf(within);
  if (!withinLevel) return [];
  const { rows } = await sql<NamedPlace>`
    SELECT code, name, valid_to IS NULL AS current FROM divisions
    WHERE depth BETWEEN ${depth(withinLevel)} AND ${depth(level)} AND code LIKE ${`${subtreePrefix(within)}%`}`.execute(
    db,
  );
  return rows;
}
