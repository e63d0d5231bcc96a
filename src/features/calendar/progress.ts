import type { Kysely } from 'kysely';
import type { CalendarRecompute } from '../../contract/calendar/calendar.js';
import type { Database } from '../../platform/db/schema.js';
import { pendingLoads, RECOMPUTE_BATCHES } from './recompute.js';

/** The oldest load whose recompute has not finished, with its batches done (null when none is pending). */
export async function recomputeProgress(db: Kysely<Database>): Promise<CalendarRecompute | null> {
  const [pending] = await pendingLoads(db);
  if (!pending) return null;
  const done = await db
    .selectFrom('holiday_recompute_batches')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('revision', '=', pending.revision)
    .executeTakeFirst();
  return {
    year: pending.year,
    revision: String(pending.revision),
    loadedAt: pending.loaded_at.toISOString(),
    batchesDone: Number(done?.n ?? 0),
    batchesTotal: RECOMPUTE_BATCHES,
  };
}
