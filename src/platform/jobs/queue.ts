import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export interface JobRequest {
  kind: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
  /** At most one queued or running job per key: enqueuing again while one waits does nothing. */
  dedupeKey?: string;
}

export async function enqueueJob(trx: Transaction<Database>, job: JobRequest): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? new Date(),
      max_attempts: job.maxAttempts ?? 5,
      dedupe_key: job.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
