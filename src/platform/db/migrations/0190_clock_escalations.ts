import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, sweeps ≤ 5 s: the escalation sweep rewrote a wide `clocks` row per escalated clock, and
 * since `next_escalation_at` was indexed the update was never HOT — every index of `clocks` got a new
 * entry (~260 µs a clock). The level reached and the next time move to a narrow row of their own
 * (its key and the partial index on the next time are all the sweep writes). A row for every open
 * clock and every clock that escalated; a clock without one is at level 0 with nothing due.
 *
 * `clocks.next_escalation_at` stays as a column nothing maintains any more (its index goes):
 * a test of another feature still clears it; a later migration drops it. `escalation_level` goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE clock_escalations (
      clock_id uuid PRIMARY KEY REFERENCES clocks(id) ON DELETE CASCADE,
      escalation_level smallint NOT NULL DEFAULT 0,
      next_escalation_at timestamptz
    )`.execute(db);
  await sql`
    INSERT INTO clock_escalations (clock_id, escalation_level, next_escalation_at)
    SELECT id, escalation_level, next_escalation_at FROM clocks
    WHERE state IN ('running', 'paused') OR escalation_level > 0 OR next_escalation_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX clock_escalations_next_idx ON clock_escalations (next_escalation_at) WHERE next_escalation_at IS NOT NULL`.execute(
    db,
  );
  await sql`DROP INDEX clocks_escalation_idx`.execute(db);
  await sql`ALTER TABLE clocks DROP COLUMN escalation_level`.execute(db);
  await sql`COMMENT ON COLUMN clocks.next_escalation_at IS 'not maintained since 0190: read clock_escalations'`.execute(
    db,
  );
  await sql`ANALYZE clock_escalations`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE clocks ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0`.execute(db);
  await sql`
    UPDATE clocks c SET escalation_level = e.escalation_level, next_escalation_at = e.next_escalation_at
    FROM clock_escalations e WHERE e.clock_id = c.id`.execute(db);
  await sql`UPDATE clocks SET next_escalation_at = NULL WHERE id NOT IN (SELECT clock_id FROM clock_escalations)`.execute(
    db,
  );
  await sql`COMMENT ON COLUMN clocks.next_escalation_at IS NULL`.execute(db);
  await sql`CREATE INDEX clocks_escalation_idx ON clocks (next_escalation_at) WHERE next_escalation_at IS NOT NULL`.execute(
    db,
  );
  await sql`DROP TABLE clock_escalations`.execute(db);
}
