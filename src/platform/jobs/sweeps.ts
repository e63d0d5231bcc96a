import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * A sweep looks at the whole database as of a moment (deadlines, ages, visit schedules) and acts
 * on what is due. Every sweep takes `asOf` so the same code replays history for simulation and
 * tests (`haven sweep --at`).
 */
export interface Sweep {
  name: string;
  run(db: Kysely<Database>, asOf: Date): Promise<Record<string, number>>;
}

const registry = new Map<string, Sweep>();

export function registerSweep(sweep: Sweep): void {
  registry.set(sweep.name, sweep);
}

export function registeredSweeps(): Sweep[] {
  return [...registry.values()];
}

export interface SweepReport {
  sweep: string;
  asOf: string;
  outcome: Record<string, number>;
}

// Several Haven processes may share one database: only one runs the sweeps at a time.
const sweepLockId = 720_402;

export async function runSweeps(
  db: Kysely<Database>,
  asOf: Date,
  onProgress?: (name: string) => void,
): Promise<SweepReport[] | 'busy'> {
  return db.connection().execute(async (conn) => {
    const lock = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${sweepLockId}) AS locked`.execute(conn);
    if (!lock.rows[0]?.locked) return 'busy' as const;
    try {
      const reports: SweepReport[] = [];
      for (const sweep of registry.values()) {
        onProgress?.(sweep.name);
        const run = await conn
          .insertInto('sweep_runs')
          .values({ sweep: sweep.name, as_of: asOf })
          .returning('id')
          .executeTakeFirstOrThrow();
        const outcome = await sweep.run(db, asOf);
        await conn
          .updateTable('sweep_runs')
          .set({ finished_at: new Date(), outcome: JSON.stringify(outcome) })
          .where('id', '=', run.id)
          .execute();
        reports.push({ sweep: sweep.name, asOf: asOf.toISOString(), outcome });
      }
      return reports;
    } finally {
      await sql`SELECT pg_advisory_unlock(${sweepLockId})`.execute(conn);
    }
  });
}
