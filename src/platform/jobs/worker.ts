import { sql, type Kysely } from 'kysely';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Database } from '../db/schema.js';

export type JobHandler = (
  payload: Record<string, unknown>,
  context: { db: Kysely<Database>; jobId: string; attempt: number },
) => Promise<void>;

export interface JobLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

/*
 * Several Haven processes may share one database. A job is claimed with FOR UPDATE SKIP LOCKED, and
 * while it runs its claimant holds a session-level advisory lock on the job (on a connection kept
 * for the job's length, with no transaction open, so vacuum is not held back). A job left 'running'
 * whose lock nobody holds belongs to a process that died: any process may hand it back to the
 * queue. A process starting does not touch the jobs another live process is running.
 */
const jobLockClass = 720_403;
const jobLockKey = (id: string) => sql`${jobLockClass}::int, (${id}::bigint % 2147483647)::int`;

/** Claims one due job, skipping rows other workers hold, and runs it. Returns false when none is due. */
export async function runNextJob(
  db: Kysely<Database>,
  handlers: ReadonlyMap<string, JobHandler>,
  logger?: JobLogger,
  now = new Date(),
): Promise<boolean> {
  return db.connection().execute(async (holder) => {
    const claimed = await holder.transaction().execute(async (trx) => {
      const job = await trx
        .selectFrom('jobs')
        .select(['id', 'kind', 'payload', 'attempts', 'max_attempts'])
        .where('state', '=', 'queued')
        .where('run_at', '<=', now)
        .orderBy('run_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!job) return undefined;
      // Taken before the claim commits, so a job seen 'running' always has its lock held while its process lives.
      await sql`SELECT pg_advisory_lock(${jobLockKey(job.id)})`.execute(trx);
      await trx
        .updateTable('jobs')
        .set({ state: 'running', attempts: job.attempts + 1 })
        .where('id', '=', job.id)
        .execute();
      return { ...job, attempts: job.attempts + 1 };
    });
    if (!claimed) return false;
    try {
      await runClaimed(db, handlers, claimed, logger, now);
    } finally {
      await sql`SELECT pg_advisory_unlock(${jobLockKey(claimed.id)})`.execute(holder).catch(() => undefined);
    }
    return true;
  });
}

interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

async function runClaimed(
  db: Kysely<Database>,
  handlers: ReadonlyMap<string, JobHandler>,
  claimed: ClaimedJob,
  logger: JobLogger | undefined,
  now: Date,
): Promise<void> {
  const handler = handlers.get(claimed.kind);
  try {
    try {
      if (!handler) throw new Error(`no handler for job kind "${claimed.kind}"`);
      await handler(claimed.payload, { db, jobId: claimed.id, attempt: claimed.attempts });
      await db
        .updateTable('jobs')
        .set({ state: 'done', finished_at: new Date(), last_error: null })
        .where('id', '=', claimed.id)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const exhausted = claimed.attempts >= claimed.max_attempts;
      await db
        .updateTable('jobs')
        .set({
          state: exhausted ? 'failed' : 'queued',
          last_error: message.slice(0, 2000),
          run_at: new Date(now.getTime() + retryDelayMs(claimed.attempts)),
          finished_at: exhausted ? new Date() : null,
        })
        .where('id', '=', claimed.id)
        .execute();
      logger?.error(
        { jobId: claimed.id, kind: claimed.kind, attempt: claimed.attempts, exhausted, err: message },
        'job failed',
      );
    }
  } catch (error) {
    // Not even the failure could be recorded (the database went away): the row still says
    // 'running', and nothing else would hand it back before the next start of Haven.
    throw new UnsettledJobError(claimed.id, error);
  }
}

/** A claimed job whose outcome could not be written; the runner hands it back once it can. */
export class UnsettledJobError extends Error {
  override readonly name = 'UnsettledJobError';
  constructor(
    readonly jobId: string,
    cause: unknown,
  ) {
    super(`job ${jobId} could not be settled: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(1, attempt));
}

/**
 * Jobs left 'running' by a process that died (nobody holds their lock) are handed back to the
 * queue: on start, and now and then by every runner, so a surviving process picks up a dead one's.
 */
export async function requeueAbandonedJobs(db: Kysely<Database>): Promise<number> {
  const result = await sql`
    UPDATE jobs j SET state = 'queued'
    WHERE j.state = 'running' AND NOT EXISTS (
      SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = ${jobLockClass}::int::oid AND l.objid = ((j.id % 2147483647)::int)::oid)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

const requeueEveryMs = 30_000;

export interface JobRunner {
  stop(): Promise<void>;
  /** Drains every due job now (tests, CLI). */
  drain(): Promise<number>;
}

export function startJobRunner(
  db: Kysely<Database>,
  handlers: ReadonlyMap<string, JobHandler>,
  options: { pollMs: number; logger?: JobLogger },
): JobRunner {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const unsettled = new Set<string>();
  let waitingForDatabase = false;
  // The caller hands back abandoned jobs as it starts; the runner does it again every half minute.
  let requeuedAt = Date.now();

  const drain = async () => {
    if (unsettled.size > 0) {
      // Jobs this runner held when the database went away: back to the queue, as a restart of Haven would do.
      const ids = [...unsettled];
      await db
        .updateTable('jobs')
        .set({ state: 'queued' })
        .where('id', 'in', ids)
        .where('state', '=', 'running')
        .execute();
      for (const id of ids) unsettled.delete(id);
    }
    if (Date.now() - requeuedAt >= requeueEveryMs) {
      const handedBack = await requeueAbandonedJobs(db);
      requeuedAt = Date.now();
      if (handedBack > 0)
        options.logger?.info({ jobs: handedBack }, 'jobs of a stopped process handed back to the queue');
    }
    let count = 0;
    while (!stopped && (await runNextJob(db, handlers, options.logger))) count += 1;
    waitingForDatabase = false;
    return count;
  };
  const onTickFailure = (error: unknown) => {
    if (error instanceof UnsettledJobError) unsettled.add(error.jobId);
    if (isDatabaseUnavailable(error)) {
      // Polling goes on and picks up where it was once the database is back; said once, not every poll.
      if (!waitingForDatabase) options.logger?.error({ err: String(error) }, 'job runner waits for the database');
      waitingForDatabase = true;
      return;
    }
    options.logger?.error({ err: String(error) }, 'job runner tick failed');
  };
  const tick = () => {
    running = drain()
      .catch(onTickFailure)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };
  timer = setTimeout(tick, options.pollMs);
  return {
    drain,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
