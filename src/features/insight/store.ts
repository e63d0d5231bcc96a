import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Database } from '../../platform/db/schema.js';
import { type DivisionLevel, subtreePrefix } from '../../core/places.js';
import { childCodePattern, significantDigits } from './rules.js';

/** What the divisions table (owned by the divisions feature) offers, or null while it is absent. */
export interface DivisionCatalog {
  hasName: boolean;
  hasValidTo: boolean;
}

// Read from the catalogue rather than assumed: counts work before the divisions feature is
// installed, and list empty divisions (with their names) once it is.
export async function divisionCatalog(db: Kysely<Database>): Promise<DivisionCatalog | null> {
  const { rows } = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'divisions'`.execute(db);
  const columns = new Set(rows.map((row) => row.column_name));
  if (!columns.has('code')) return null;
  return { hasName: columns.has('name'), hasValidTo: columns.has('valid_to') };
}

export interface NamedDivision {
  code: string;
  name: string | null;
}

export async function findDivision(
  db: Kysely<Database>,
  catalog: DivisionCatalog,
  code: string,
): Promise<NamedDivision | undefined> {
  const name = catalog.hasName ? sql`name` : sql`NULL::text`;
  const newestFirst = catalog.hasValidTo ? sql`ORDER BY valid_to DESC NULLS FIRST` : sql``;
  const { rows } =
    await sql<NamedDivision>`SELECT code, ${name} AS name FROM divisions WHERE code = ${code} ${newestFirst} LIMIT 1`.execute(
      db,
    );
  return rows[0];
}

export interface DivisionBelow extends NamedDivision {
  /** False for a division closed by a later dataset (children may still carry its code). */
  current: boolean;
}

/** Every division one level below `code`, closed ones included and marked. */
export async function divisionsBelow(
  db: Kysely<Database>,
  catalog: DivisionCatalog,
  code: string,
  below: DivisionLevel,
): Promise<DivisionBelow[]> {
  const name = catalog.hasName ? sql`name` : sql`NULL::text`;
  const current = catalog.hasValidTo ? sql`valid_to IS NULL` : sql`true`;
  const { rows } = await sql<DivisionBelow>`
    SELECT DISTINCT ON (code) code, ${name} AS name, ${current} AS current FROM divisions
    WHERE code LIKE ${`${subtreePrefix(code)}%`} AND code ~ ${childCodePattern(code, below)}
    ORDER BY code, ${current} DESC`.execute(db);
  return rows;
}

/**
 * Children living in `code`'s subtree, counted per division one level down. Only visible
 * children count (invariant 2); only codes and counts leave the database.
 */
export async function countChildrenBelow(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  below: DivisionLevel,
): Promise<Map<string, number>> {
  const digits = significantDigits(below);
  const rows = await db
    .selectFrom('children')
    .select([
      sql<string>`rpad(left(children.residence_code, ${digits}), 12, '0')`.as('code'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('children.residence_code', 'like', `${subtreePrefix(code)}%`)
    .where(childInScope(actor))
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((row) => [row.code, row.n]));
}
