import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { largestStoredCounts } from '../../contract/insight/indicators-added.js';
import { markedTable } from './snapshot-marks.js';
import './snapshot-tables.js';

type Trx = Kysely<Database> | Transaction<Database>;

/**
 * A month's counts are computed into a session-local staging table first, then only the counts
 * that differ from the stored month are written (and the level totals above them adjusted). A
 * day's run of the running month changes a few thousand of its ~350k rows at 100k children:
 * deleting and re-inserting every row and re-summing every total cost more than computing them.
 */
export const stagedCounts = sql.table('insight_snapshot_next');

/** The staging table, empty: created once per transaction (the demo seeder fills twelve months in one). */
export async function openStaging(trx: Trx): Promise<void> {
  await sql`
    CREATE TEMP TABLE IF NOT EXISTS insight_snapshot_next (
      indicator text NOT NULL, division_code text NOT NULL, value bigint NOT NULL
    ) ON COMMIT DROP`.execute(trx);
  await sql`TRUNCATE insight_snapshot_next`.execute(trx);
  await sql`
    CREATE TEMP TABLE IF NOT EXISTS insight_snapshot_changes (
      indicator text NOT NULL, division_code text NOT NULL, old bigint NOT NULL, new bigint NOT NULL
    ) ON COMMIT DROP`.execute(trx);
  await sql`TRUNCATE insight_snapshot_changes`.execute(trx);
}

const levels = sql`(VALUES ('province', 2), ('city', 4), ('county', 6), ('township', 9)) AS l(level, digits)`;

/**
 * Writes the staged counts over the stored month: removes counts that fell to nothing, inserts or
 * updates those that changed, and moves each level total by the change below it (a largest-value
 * count's totals are taken again over the rows below them). Returns the rows the month now holds.
 */
export async function applyStaged(
  trx: Trx,
  month: string,
  recountedOnlyMarked: readonly string[] | null,
): Promise<number> {
  // A run over the marked divisions compares those indicators there only; elsewhere their stored rows stand.
  const compared =
    recountedOnlyMarked === null
      ? sql``
      : sql`AND (NOT (indicator = ANY(${[...recountedOnlyMarked]}::text[]))
          OR division_code IN (SELECT division_code FROM ${markedTable}))`;
  await sql`
    INSERT INTO insight_snapshot_changes (indicator, division_code, old, new)
    SELECT coalesce(n.indicator, s.indicator), coalesce(n.division_code, s.division_code),
      coalesce(s.value, 0), coalesce(n.value, 0)
    FROM insight_snapshot_next n
    FULL JOIN (SELECT indicator, division_code, value FROM insight_snapshots WHERE month = ${month}::date ${compared}) s
      ON s.indicator = n.indicator AND s.division_code = n.division_code
    WHERE coalesce(s.value, 0) <> coalesce(n.value, 0)`.execute(trx);
  await sql`
    DELETE FROM insight_snapshots s USING insight_snapshot_changes c
    WHERE s.month = ${month}::date AND s.indicator = c.indicator AND s.division_code = c.division_code AND c.new = 0`.execute(
    trx,
  );
  await sql`
    INSERT INTO insight_snapshots (month, indicator, division_code, value)
    SELECT ${month}::date, indicator, division_code, new FROM insight_snapshot_changes WHERE new > 0
    ON CONFLICT (indicator, month, division_code) DO UPDATE SET value = excluded.value`.execute(trx);
  await adjustTotals(trx, month);
  const held = await sql<{ n: number }>`SELECT count(*)::int AS n FROM insight_snapshot_next`.execute(trx);
  return held.rows[0]?.n ?? 0;
}

async function adjustTotals(trx: Trx, month: string): Promise<void> {
  const largest = [...largestStoredCounts];
  // Sums move by the change below them; a total that reaches nothing is removed (as a sum of no rows).
  await sql`
    INSERT INTO insight_snapshot_totals (month, level, division_code, indicator, value)
    SELECT ${month}::date, l.level, rpad(left(c.division_code, l.digits), 12, '0'), c.indicator, sum(c.new - c.old)
    FROM insight_snapshot_changes c CROSS JOIN ${levels}
    WHERE NOT (c.indicator = ANY(${largest}::text[]))
    GROUP BY 2, 3, 4
    ON CONFLICT (level, division_code, month, indicator)
      DO UPDATE SET value = insight_snapshot_totals.value + excluded.value`.execute(trx);
  await sql`
    DELETE FROM insight_snapshot_totals t
    USING (SELECT DISTINCT l.level, rpad(left(c.division_code, l.digits), 12, '0') AS code, c.indicator
           FROM insight_snapshot_changes c CROSS JOIN ${levels}
           WHERE NOT (c.indicator = ANY(${largest}::text[]))) a
    WHERE t.month = ${month}::date AND t.level = a.level AND t.division_code = a.code AND t.indicator = a.indicator
      AND t.value = 0`.execute(trx);
  // A largest-value count's totals are taken again over all its rows of the month, grouped once by their
  // code at each level: a few thousand rows. (Matching every row by prefix for each affected total — the
  // value of days open moves in every place with an open case each day — took most of a day's run.)
  const largestMoved = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM insight_snapshot_changes WHERE indicator = ANY(${largest}::text[])`.execute(trx);
  if ((largestMoved.rows[0]?.n ?? 0) === 0) return;
  await sql`
    DELETE FROM insight_snapshot_totals WHERE month = ${month}::date AND indicator = ANY(${largest}::text[])`.execute(
    trx,
  );
  await sql`
    INSERT INTO insight_snapshot_totals (month, level, division_code, indicator, value)
    SELECT ${month}::date, l.level, rpad(left(s.division_code, l.digits), 12, '0'), s.indicator, max(s.value)
    FROM insight_snapshots s CROSS JOIN ${levels}
    WHERE s.month = ${month}::date AND s.indicator = ANY(${largest}::text[])
    GROUP BY 2, 3, 4`.execute(trx);
}
