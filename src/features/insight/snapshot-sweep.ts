import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { computeMonthSnapshot } from './snapshot-compute.js';
import { monthOf, twelveMonths } from './snapshot-rules.js';
import './snapshot-tables.js';

const snapshotLockId = 720_620;

/**
 * Fills the indicator snapshots for the twelve months ending with `asOf`'s month: the running month
 * every time, and each earlier month until it has been computed once after its end (then it is
 * final). A new installation, or the demo, thus gets a year of history from the rows' own times.
 * `rows`: the counts computed (a later run of the running month computes only its marked divisions'
 * core counts); `divisions`: how many the running month recounted, -1 when it was computed in full.
 */
export async function fillSnapshots(
  db: Kysely<Database>,
  asOf: Date,
): Promise<{ months: number; rows: number; divisions: number }> {
  // Inside a caller's transaction (the demo seeder) the work joins it; otherwise it is its own.
  const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  return inTransaction(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${snapshotLockId})`.execute(trx);
    const current = monthOf(asOf);
    const finals = await trx.selectFrom('insight_snapshot_months').select('month').where('final', '=', true).execute();
    const done = new Set(finals.map((row) => row.month.slice(0, 7)));
    let months = 0;
    let rows = 0;
    // The running month's divisions recounted, or -1 when it was computed in full.
    let divisions = -1;
    for (const month of twelveMonths(current)) {
      if (month !== current && done.has(month)) continue;
      const computed = await computeMonthSnapshot(trx, month, asOf, month === current);
      rows += computed.rows;
      if (month === current) divisions = computed.divisions ?? -1;
      months += 1;
    }
    return { months, rows, divisions };
  });
}

export const insightSnapshotSweep: Sweep = {
  name: 'insight.snapshots',
  run: (db, asOf) => fillSnapshots(db, asOf),
};
