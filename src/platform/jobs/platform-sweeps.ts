import { sql } from 'kysely';
import { writeAuditCheckpoint } from '../audit/checkpoint.js';
import type { Sweep } from './sweeps.js';

/** Idempotency keys protect retries for a week; after that a replay is a new request. */
export const idempotencyExpirySweep: Sweep = {
  name: 'platform.idempotency-expiry',
  async run(db, asOf) {
    const result =
      await sql`DELETE FROM idempotency_keys WHERE created_at < ${asOf}::timestamptz - interval '7 days'`.execute(db);
    return { expired: Number(result.numAffectedRows ?? 0) };
  },
};

/** Finished jobs are kept 30 days for inspection; failed ones stay until someone looks. */
export const jobCleanupSweep: Sweep = {
  name: 'platform.job-cleanup',
  async run(db, asOf) {
    const result =
      await sql`DELETE FROM jobs WHERE state = 'done' AND finished_at < ${asOf}::timestamptz - interval '30 days'`.execute(
        db,
      );
    return { removed: Number(result.numAffectedRows ?? 0) };
  },
};

/**
 * Appends the audit chain's head to the checkpoint file when it moved since the last checkpoint,
 * so deleting or rewriting entries later shows in `haven audit verify` (the file should also be
 * copied off the machine: see docs/operations.md).
 */
export function auditCheckpointSweep(file: string): Sweep {
  return {
    name: 'platform.audit-checkpoint',
    async run(db) {
      const written = await writeAuditCheckpoint(db, file, { onlyIfChanged: true });
      return { written: written ? 1 : 0, entries: written?.entries ?? 0 };
    },
  };
}
