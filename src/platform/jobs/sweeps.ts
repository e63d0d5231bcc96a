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
/** The newest scheduled round claimed by any process (settings row; its value an ISO instant). */
const roundSetting = 'sweeps.round';

/** Runs every sweep as of `asOf` now (`haven sweep`), unless another process is running them. */
export async function runSweeps(
  db: Kysely<Database>,
  asOf: Date,
  onProgress?: (name: string) => void,
): Promise<SweepReport[] | 'busy'> {
  return underSweepLock(db, (conn) => runEvery(db, conn, asOf, onProgress));
}

/** The start of the scheduled round `now` falls in: rounds start on multiples of the interval (epoch-aligned). */
export function roundStart(now: Date, intervalMs: number): Date {
  return new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
}

/**
 * The server's timer: runs the round that starts at `round` (as of that moment) unless a process
 * sharing the database already did. Every process ticks on the same epoch-aligned boundaries; the
 * first to take the lock claims the round with a conditional upsert (only a newer round than the
 * last claimed one), so each round runs once however many processes tick, and never backwards.
 */
export async function runScheduledSweeps(
  db: Kysely<Database>,
  round: Date,
): Promise<SweepReport[] | 'busy' | 'already-run'> {
  return underSweepLock(db, async (conn) => {
    const value = JSON.stringify(round.toISOString());
    const claimed = await sql<{ key: string }>`
      INSERT INTO settings (key, value, updated_at) VALUES (${roundSetting}, ${value}::jsonb, now())
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
      WHERE (settings.value #>> '{}')::timestamptz < (EXCLUDED.value #>> '{}')::timestamptz
      RETURNING key`.execute(conn);
    if (claimed.rows.length === 0) return 'already-run' as const;
    return runEvery(db, conn, round);
  });
}

async function underSweepLock<T>(
  db: Kysely<Database>,
  fn: (conn: Kysely<Database>) => Promise<T>,
): Promise<T | 'busy'> {
  return db.connection().execute(async (conn) => {
    const lock = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${sweepLockId}) AS locked`.execute(conn);
    if (!lock.rows[0]?.locked) return 'busy' as const;
    try {
      return await fn(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(${sweepLockId})`.execute(conn);
    }
  });
}

async function runEvery(
  db: Kysely<Database>,
  conn: Kysely<Database>,
  asOf: Date,
  onProgress?: (name: string) => void,
): Promise<SweepReport[]> {
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
}
