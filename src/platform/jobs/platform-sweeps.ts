import { sql } from 'kysely';
import type { Sweep } from './sweeps.js';

/** Idempotency keys protect retries for a week; after that a replay is a new request. */
export const idempotencyExpirySweep: Sweep = {
  name: 'platform.idempotency-expiry',
  async run(db, asOf) {
    const result = await sql`DELETE FROM idempotency_keys WHERE created_at < ${asOf}::timestamptz - interval '7 days'`.execute(db);
    return { expired: Number(result.numAffectedRows ?? 0) };
  },
};

/** Finished jobs are kept 30 days for inspection; failed ones stay until someone looks. */
export const jobCleanupSweep: Sweep = {
  name: 'platform.job-cleanup',
  async run(db, asOf) {
    const result = await sql`DELETE FROM jobs WHERE state = 'done' AND finished_at < ${asOf}::timestamptz - interval '30 days'`.execute(db);
    return { removed: Number(result.numAffectedRows ?? 0) };
  },
};
