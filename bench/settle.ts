import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';

/**
 * Waits until the server's PostgreSQL sessions have been idle for `quietMs` together (at most
 * `limitMs`): a saturated closed-loop run leaves requests in flight when autocannon stops, and an
 * open-model run started at once measured their backlog as its own slowest answers (session 16:
 * the slowest 1 % of one run were all due in its first second). Autovacuum and checkpoints are not
 * waited for — a steady load meets them too. Returns the milliseconds waited.
 */
export async function settle(
  db: Kysely<Database>,
  options: { quietMs?: number; limitMs?: number; pollMs?: number } = {},
): Promise<number> {
  const { quietMs = 1_000, limitMs = 15_000, pollMs = 100 } = options;
  const started = performance.now();
  let quietSince: number | undefined;
  while (performance.now() - started < limitMs) {
    const busy = await activeSessions(db);
    const now = performance.now();
    if (busy > 0) quietSince = undefined;
    else if (quietSince === undefined) quietSince = now;
    else if (now - quietSince >= quietMs) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return performance.now() - started;
}

/** Client sessions of this database running a statement or inside a transaction, other than this one. */
export async function activeSessions(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ busy: number }>`
    SELECT count(*)::int AS busy FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
      AND state IS DISTINCT FROM 'idle'`.execute(db);
  return result.rows[0]?.busy ?? 0;
}
