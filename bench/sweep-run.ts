import { loadavg } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import type { Sweep } from '../src/platform/jobs/sweeps.js';

/**
 * When the data set's sweeps last ran: a day before `asOf` (a day's outage, so the benchmark's
 * sweep catches up one day as after a restart). Clocks are generated as escalated up to then,
 * and every sweep is run as of then at the end of `bench:data`.
 */
export function lastSweepOf(asOf: string): Date {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - 86_400_000);
}

/** A sweep run as `runSweeps` runs it: recorded in `sweep_runs`, which the next run reads (re-proposal's window). */
export async function runRecorded(db: Kysely<Database>, sweep: Sweep, asOf: Date): Promise<Record<string, number>> {
  const run = await db
    .insertInto('sweep_runs')
    .values({ sweep: sweep.name, as_of: asOf })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outcome = await sweep.run(db, asOf);
  await db
    .updateTable('sweep_runs')
    .set({ finished_at: new Date(), outcome: JSON.stringify(outcome) })
    .where('id', '=', run.id)
    .execute();
  return outcome;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The machine's load average over 1, 5 and 15 minutes, to read every figure beside. */
export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join('/');
}
