import { sql } from 'kysely';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { recountRegistryCounts } from './counts-recount.js';
import './counts-tables.js';

// Recounts of the registry counts run one at a time, whoever starts them (sweep, CLI, bench).
const recountLockId = 720_613;
// Beyond this many marked places one pass over the registry is cheaper than a lookup per place.
const fullRecountAbove = 5_000;
// The triggers can be bypassed (a bulk load with triggers off, a restore by hand): once a day
// everything is counted again from scratch, so a missed mark heals within a day.
const fullRecountEveryMs = 24 * 3_600_000;

/**
 * Keeps `registry_counts` current: recounts the places the registry's triggers marked since the
 * last run, from the registry itself, and everything once a day. The counts describe the registry
 * as it is now, not as of a moment, so `asOf` plays no part: `countedAt` is the database's clock.
 */
export const registryCountsSweep: Sweep = {
  name: 'insight.registry-counts',
  async run(db) {
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${recountLockId})`.execute(trx);
      const state = await trx
        .selectFrom('registry_counts_state')
        .select(['full_counted_at', sql<Date>`now()`.as('now')])
        .executeTakeFirst();
      // What concurrent writers mark meanwhile stays for the next run: this reads committed marks only.
      const marked = await sql<{
        code: string;
      }>`WITH taken AS (DELETE FROM registry_counts_dirty RETURNING code) SELECT DISTINCT code FROM taken`.execute(trx);
      const codes = marked.rows.map((row) => row.code);
      const stale =
        !state?.full_counted_at || state.now.getTime() - state.full_counted_at.getTime() >= fullRecountEveryMs;
      const full = stale || codes.length > fullRecountAbove;
      await recountRegistryCounts(trx, full ? 'all' : codes);
      if (!full && codes.length === 0) await sql`UPDATE registry_counts_state SET counted_at = now()`.execute(trx);
      return { places: codes.length, full: full ? 1 : 0 };
    });
  },
};
