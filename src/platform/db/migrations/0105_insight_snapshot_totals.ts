import { type Kysely, sql } from 'kysely';

/**
 * Issue 20, the five-problems read at city scale: the snapshot's counts summed per division at each
 * level above the village (province, city, county, township), written by the sweep with the month's
 * village rows, so a city's twelve-month trend reads ~40 × 12 rows instead of every village's.
 * `level` is part of the key: a county-level row (an organisation sitting at the county) rolls up to
 * the same code at township level as at county level.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE insight_snapshot_totals (
      month date NOT NULL,
      level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      indicator text NOT NULL,
      value bigint NOT NULL,
      PRIMARY KEY (level, division_code, month, indicator)
    )`.execute(db);
  await sql`CREATE INDEX insight_snapshot_totals_below_idx ON insight_snapshot_totals
    (level, month, division_code text_pattern_ops)`.execute(db);
  // Months already stored get their totals now; later months get them from the sweep.
  await sql`
    INSERT INTO insight_snapshot_totals (month, level, division_code, indicator, value)
    SELECT s.month, l.level, rpad(left(s.division_code, l.digits), 12, '0'), s.indicator, sum(s.value)
    FROM insight_snapshots s
    CROSS JOIN (VALUES ('province', 2), ('city', 4), ('county', 6), ('township', 9)) AS l(level, digits)
    GROUP BY 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE insight_snapshot_totals`.execute(db);
}
