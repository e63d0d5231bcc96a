import { type Kysely, sql } from 'kysely';

/**
 * Issue 18, the calendar load over 1M provisional clocks: the recompute runs in batches by clock id
 * range, each batch in its own transaction that also records it here, so a load stopped halfway
 * leaves every clock either as it was or recomputed, and running it again finishes the batches not
 * recorded. `recomputed_at` is set once every batch of a revision is done (loads made before this
 * migration recomputed in one transaction: done when loaded). The provisional clocks' index is keyed
 * by id so that a batch reads its range alone. `clock_changes` loses its foreign key: its one writer
 * inserts rows only for the clocks its own UPDATE returned, and the key check was a probe and a row
 * lock per history row (as `alerts`, migration 0008).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE holiday_arrangements ADD COLUMN recomputed_at timestamptz`.execute(db);
  await sql`UPDATE holiday_arrangements SET recomputed_at = loaded_at`.execute(db);
  await sql`
    CREATE TABLE holiday_recompute_batches (
      revision bigint NOT NULL REFERENCES holiday_arrangements(revision),
      batch int NOT NULL CHECK (batch >= 0),
      clocks_changed int NOT NULL,
      timeline_entries int NOT NULL,
      finished_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (revision, batch)
    )`.execute(db);
  await sql`DROP INDEX IF EXISTS clocks_provisional_idx`.execute(db);
  await sql`CREATE INDEX clocks_provisional_idx ON clocks (id) WHERE provisional AND state IN ('running', 'paused')`.execute(
    db,
  );
  await sql`ALTER TABLE clock_changes DROP CONSTRAINT IF EXISTS clock_changes_clock_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE clock_changes ADD CONSTRAINT clock_changes_clock_id_fkey FOREIGN KEY (clock_id) REFERENCES clocks(id)`.execute(
    db,
  );
  await sql`DROP INDEX IF EXISTS clocks_provisional_idx`.execute(db);
  await sql`CREATE INDEX clocks_provisional_idx ON clocks (started_at) WHERE provisional AND state IN ('running', 'paused')`.execute(
    db,
  );
  await sql`DROP TABLE holiday_recompute_batches`.execute(db);
  await sql`ALTER TABLE holiday_arrangements DROP COLUMN recomputed_at`.execute(db);
}
