import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/**
 * The nearest active public body of a residence: its village committee, else its township
 * government, else its county (or city) civil affairs bureau — who holds a child's clocks while no
 * director is responsible. One SQL expression, so the sweeps that start clocks for many children at
 * once (visits, assessments) and the reassignment of a removed director agree on the owner.
 */
export function nearestPlaceBody(residenceCodeColumn: string): RawBuilder<string | null> {
  // One probe of organisations_active_kind_division_idx per level: as one OR over the kinds the
  // planner scans every organisation once per child (0.5 ms a child at 130 organisations).
  const levels = placeLevels(sql.ref(residenceCodeColumn)).map(
    ([kind, code]) =>
      sql`SELECT o.id, o.division_code, o.created_at FROM organisations o
        WHERE o.active AND o.kind = ${sql.lit(kind)} AND o.division_code = ${code}`,
  );
  return sql<
    string | null
  >`(SELECT o.id FROM (${sql.join(levels, sql` UNION ALL `)}) o ORDER BY ${nearestFirst} LIMIT 1)`;
}

/** Where each kind of body sits for a residence: its village, its township, its county, its city. */
function placeLevels(residence: RawBuilder<unknown>): [kind: string, divisionCode: RawBuilder<unknown>][] {
  return [
    ['village_committee', residence],
    ['township_government', sql`rpad(substr(${residence}, 1, 9), 12, '0')`],
    ['civil_affairs_bureau', sql`rpad(substr(${residence}, 1, 6), 12, '0')`],
    ['civil_affairs_bureau', sql`rpad(substr(${residence}, 1, 4), 12, '0')`],
  ];
}

/** The nearest level first (the most significant digits), then the oldest body of that level. */
const nearestFirst = sql`length(rtrim(o.division_code, '0')) DESC, o.created_at`;

/**
 * `nearestPlaceBody` of many residences at once, by residence code: one statement that joins the
 * distinct codes with the organisations of each kind (a hash join each), not three scans of the
 * organisations per child — at 1M the assessment sweep's 6,283 owners a day took 0.3 ms each that
 * way. The same candidates and the same order, so the same body for every residence.
 */
export async function nearestPlaceBodiesOf(
  db: Kysely<Database> | Transaction<Database>,
  residenceCodes: readonly string[],
): Promise<Map<string, string | null>> {
  const codes = [...new Set(residenceCodes)];
  const found = new Map<string, string | null>(codes.map((code) => [code, null]));
  if (codes.length === 0) return found;
  const levels = placeLevels(sql.ref('r.code')).map(
    ([kind, code]) =>
      sql`SELECT r.code, o.id, o.division_code, o.created_at FROM r JOIN organisations o
        ON o.active AND o.kind = ${sql.lit(kind)} AND o.division_code = ${code}`,
  );
  const { rows } = await sql<{ code: string; id: string }>`
    WITH r AS (SELECT DISTINCT code FROM unnest(${codes}::text[]) AS r(code))
    SELECT DISTINCT ON (o.code) o.code, o.id FROM (${sql.join(levels, sql` UNION ALL `)}) o
    ORDER BY o.code, ${nearestFirst}`.execute(db);
  for (const row of rows) found.set(row.code, row.id);
  return found;
}
