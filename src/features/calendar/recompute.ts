import { type Kysely, sql } from 'kysely';
import {
  clockIdRanges,
  provisionalMoves,
  type RecomputedClocks,
  recomputeClockRange,
} from '../../core/clocks/index.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { calendarAsOf } from '../../platform/holidays/store.js';

type Db = Kysely<Database>;

/** Batches of a load's recompute: ~31k clocks each at 1M, a few seconds of locks each. */
export const RECOMPUTE_BATCHES = 32;

export interface RecomputeOptions {
  /** Batches run at once, each on its own connection. */
  concurrency?: number;
  /** Called before each batch; a test throws here to stop a load halfway. */
  beforeBatch?: (batch: number) => void;
}

interface PendingLoad {
  revision: string;
  year: number;
  loaded_at: Date;
}

/**
 * Recomputes the provisional clocks after one load, batch by batch. Each batch is one transaction
 * that recomputes the clocks of its id range and records itself in `holiday_recompute_batches`, so
 * a load stopped halfway leaves each clock either as it was or recomputed, and running this again
 * does only the batches not recorded (two processes doing it at once wait for each other per
 * batch). The calendars are the ones before and after this revision, whenever it runs: a clock not
 * yet recomputed still carries the deadline of the old calendar. Clocks created after the load were
 * computed on the new calendar and are left alone.
 */
export async function finishRecompute(
  db: Db,
  actor: Actor,
  load: PendingLoad,
  at: Date,
  options: RecomputeOptions = {},
): Promise<RecomputedClocks> {
  const previous = String(BigInt(load.revision) - 1n);
  const calendars = { before: await calendarAsOf(db, previous), after: await calendarAsOf(db, load.revision) };
  const { examined, moves } = await db.transaction().execute((trx) => provisionalMoves(trx, calendars, load.loaded_at));
  const reason = `calendar ${load.year} loaded (revision ${load.revision})`;
  const ranges = clockIdRanges(RECOMPUTE_BATCHES);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ranges.length) {
      const batch = next;
      next += 1;
      options.beforeBatch?.(batch);
      await unitOfWork(db, actor, 'calendar.recompute', async ({ trx, audit }) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext('haven.calendar.recompute'), ${batch}::int)`.execute(trx);
        const done = await trx
          .selectFrom('holiday_recompute_batches')
          .select('batch')
          .where('revision', '=', load.revision)
          .where('batch', '=', batch)
          .executeTakeFirst();
        if (done) return;
        const range = ranges[batch]!;
        const result = await recomputeClockRange(trx, moves, {
          actor,
          at,
          reason,
          range,
          createdBefore: load.loaded_at,
        });
        await trx
          .insertInto('holiday_recompute_batches')
          .values({
            revision: load.revision,
            batch,
            clocks_changed: result.changed,
            timeline_entries: result.entries,
          })
          .execute();
        audit({
          entityType: 'holiday_arrangement',
          entityId: String(load.year),
          details: { revision: load.revision, batch, ...result },
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  const finished = await sql<{ changed: number }>`
    UPDATE holiday_arrangements SET recomputed_at = coalesce(recomputed_at, now()),
      clocks_recomputed = (SELECT coalesce(sum(clocks_changed), 0) FROM holiday_recompute_batches WHERE revision = ${load.revision}::bigint)
    WHERE revision = ${load.revision}::bigint
    RETURNING clocks_recomputed AS changed`.execute(db);
  return { examined, changed: finished.rows[0]?.changed ?? 0 };
}

/** The loads whose recompute has not finished, oldest first. */
export function pendingLoads(db: Db): Promise<PendingLoad[]> {
  return db
    .selectFrom('holiday_arrangements')
    .select(['revision', 'year', 'loaded_at'])
    .where('recomputed_at', 'is', null)
    .orderBy('revision')
    .execute();
}

/** Finishes every load's recompute left unfinished (a process stopped halfway), oldest first. */
export async function finishPendingRecomputes(
  db: Db,
  actor: Actor,
  at: Date,
  options: RecomputeOptions = {},
): Promise<number> {
  let changed = 0;
  for (const load of await pendingLoads(db)) changed += (await finishRecompute(db, actor, load, at, options)).changed;
  return changed;
}
