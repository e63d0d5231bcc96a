import { type QueryExecutorProvider, sql } from 'kysely';

/** Each level above the places, finest first (the order of a roll-up), with the digits that name it. */
const rollUp = [
  { level: 'township', below: 'village', digits: 9 },
  { level: 'county', below: 'township', digits: 6 },
  { level: 'city', below: 'county', digits: 4 },
  { level: 'province', below: 'city', digits: 2 },
] as const;

const inPlaces = (column: string, codes: readonly string[] | 'all') =>
  codes === 'all' ? sql`true` : sql`${sql.ref(column)} = ANY(${codes}::text[])`;

/**
 * Active children per residence code, by risk grade and by confirmed category. For a few places
 * their children are read once (a heap visit each) and counted both ways; for all of them two
 * sequential scans are cheaper than keeping a million rows between the two counts.
 */
function placeCounts(codes: readonly string[] | 'all') {
  if (codes === 'all') {
    return sql`
      SELECT c.residence_code AS code, 'risk' AS dimension, COALESCE(c.risk_grade, 'unassessed') AS value, count(*)::int AS n
      FROM children c WHERE c.status = 'active' GROUP BY 1, 3
      UNION ALL
      SELECT c.residence_code, 'category', cc.category, count(*)::int
      FROM children c JOIN child_categories cc ON cc.child_id = c.id AND cc.state = 'confirmed'
      WHERE c.status = 'active' GROUP BY 1, 3`;
  }
  return sql`
    WITH kids AS MATERIALIZED (
      SELECT c.id, c.residence_code, COALESCE(c.risk_grade, 'unassessed') AS risk
      FROM children c WHERE c.status = 'active' AND c.residence_code = ANY(${codes}::text[])
    )
    SELECT residence_code AS code, 'risk' AS dimension, risk AS value, count(*)::int AS n FROM kids GROUP BY residence_code, risk
    UNION ALL
    SELECT k.residence_code, 'category', cc.category, count(*)::int
    FROM kids k JOIN child_categories cc ON cc.child_id = k.id AND cc.state = 'confirmed'
    GROUP BY k.residence_code, cc.category`;
}

/**
 * Counts the registry again for some residence codes (or all of them) and rolls the change up the
 * division tree: the places themselves from `children` and `child_categories`, each level above
 * from the level below, limited to the ancestors of those places. Set-based: a few statements
 * whatever the number of places. A recount of everything writes only the places whose counts
 * differ (a daily recount finds few), so it costs the counting, not a rewrite of the table. Run
 * inside a transaction (readers see the old rows until it commits); the caller serialises recounts.
 */
export async function recountRegistryCounts(
  db: QueryExecutorProvider,
  codes: readonly string[] | 'all',
): Promise<void> {
  if (codes !== 'all' && codes.length === 0) return;
  if (codes === 'all') {
    await sql`CREATE TEMPORARY TABLE registry_counts_fresh ON COMMIT DROP AS ${placeCounts('all')}`.execute(db);
    // Without statistics the planner takes the new table for a few rows and joins it row by row.
    await sql`ANALYZE registry_counts_fresh`.execute(db);
    await sql`
      DELETE FROM registry_counts r WHERE r.level = 'village' AND NOT EXISTS (
        SELECT 1 FROM registry_counts_fresh f WHERE f.code = r.division_code AND f.dimension = r.dimension AND f.value = r.value AND f.n = r.n)`.execute(
      db,
    );
    // What is left equals its fresh row; the rest is new. Not an anti-join against registry_counts:
    // when that table was empty at its last ANALYZE (the first count after a bulk load), the plan
    // scanned it once per fresh row while this very insert grew it (hours at a million children).
    await sql`
      INSERT INTO registry_counts (level, division_code, dimension, value, n)
      SELECT 'village', f.code, f.dimension, f.value, f.n FROM registry_counts_fresh f
      ON CONFLICT (level, division_code, dimension, value) DO NOTHING`.execute(db);
    await sql`DROP TABLE registry_counts_fresh`.execute(db);
  } else {
    await sql`DELETE FROM registry_counts WHERE level = 'village' AND division_code = ANY(${codes}::text[])`.execute(
      db,
    );
    await sql`INSERT INTO registry_counts (level, division_code, dimension, value, n) SELECT 'village', code, dimension, value, n FROM (${placeCounts(codes)}) AS counted`.execute(
      db,
    );
  }
  for (const step of rollUp) {
    // Each level from the one below through its generated `parent` key, by index equality.
    const parents =
      codes === 'all' ? 'all' : [...new Set(codes.map((code) => code.slice(0, step.digits).padEnd(12, '0')))];
    await sql`DELETE FROM registry_counts WHERE level = ${step.level} AND ${inPlaces('division_code', parents)}`.execute(
      db,
    );
    await sql`
      INSERT INTO registry_counts (level, division_code, dimension, value, n)
      SELECT ${step.level}, parent, dimension, value, sum(n)::int
      FROM registry_counts WHERE level = ${step.below} AND ${inPlaces('parent', parents)}
      GROUP BY parent, dimension, value`.execute(db);
  }
  // Fresh statistics after a recount from scratch: the planner would otherwise guess at a table
  // that went from empty to a third of a million rows in one transaction.
  if (codes === 'all') await sql`ANALYZE registry_counts`.execute(db);
  await sql`UPDATE registry_counts_state SET counted_at = now(), full_counted_at = CASE WHEN ${codes === 'all'} THEN now() ELSE full_counted_at END`.execute(
    db,
  );
}
