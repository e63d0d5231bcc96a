import { type Kysely, sql } from 'kysely';
import type { CalendarLoadAccepted, CalendarYearInput } from '../../contract/calendar/calendar.js';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import type { JobRequest } from '../../platform/jobs/queue.js';
import type { JobHandler } from '../../platform/jobs/worker.js';
import { recomputeProgress } from './progress.js';
import { finishPendingRecomputes, RECOMPUTE_BATCHES } from './recompute.js';
import { checkArrangement, storeArrangement } from './service.js';
import './messages.js';

type Db = Kysely<Database>;

export const recomputeJobKind = 'calendar.recompute';

/** At most one recompute job waits or runs per load; its batches are recorded, so a rerun does only the rest. */
const recomputeJobFor = (revision: string): JobRequest => ({
  kind: recomputeJobKind,
  payload: { revision },
  dedupeKey: `${recomputeJobKind}:${revision}`,
  maxAttempts: 10,
});

/**
 * The web's load: checks and stores the arrangement and answers at once; the recompute of every
 * open provisional clock goes on as a job (over 1M clocks it takes minutes) whose progress the
 * calendar view shows. While an earlier load is still recomputing, a second one is refused with
 * 409 `calendar.recomputing` naming it and its progress (its "before" would be a calendar half
 * applied); the refused request makes sure a job is queued for the pending one.
 */
export async function acceptCalendarYear(
  db: Db,
  actor: Actor,
  year: number,
  input: CalendarYearInput,
): Promise<CalendarLoadAccepted> {
  checkArrangement(actor, year, input);
  const { result } = await unitOfWork(db, actor, 'calendar.load', async ({ trx, audit, enqueue }) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('haven.calendar.load'))`.execute(trx);
    const pending = await recomputeProgress(trx);
    if (pending) {
      await enqueue(recomputeJobFor(pending.revision));
      audit({
        entityType: 'holiday_arrangement',
        entityId: String(year),
        details: { refused: 'calendar.recomputing', pending },
      });
      return { kind: 'pending' as const, pending };
    }
    const row = await storeArrangement(trx, actor, year, input, 'web');
    const revision = String(row.revision);
    await enqueue(recomputeJobFor(revision));
    audit({
      entityType: 'holiday_arrangement',
      entityId: String(year),
      details: { revision, holidays: input.holidays.length, workdays: input.workdays.length, recompute: 'job' },
    });
    return { kind: 'accepted' as const, accepted: { year, revision, batchesTotal: RECOMPUTE_BATCHES } };
  });
  if (result.kind === 'accepted') return result.accepted;
  const { pending } = result;
  throw new DomainError('calendar.recomputing', 409, {
    year,
    pendingYear: pending.year,
    revision: pending.revision,
    done: pending.batchesDone,
    total: pending.batchesTotal,
  });
}

/** Finishes every pending load's recompute, oldest first (only the batches not yet recorded). */
export const recomputeJob: JobHandler = async (_payload, { db }) => {
  await finishPendingRecomputes(db, systemActor('calendar recompute'), new Date());
};
