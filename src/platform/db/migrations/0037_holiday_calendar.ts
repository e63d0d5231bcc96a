import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: the State Council's holiday arrangement as data an administrator loads, one row per
 * load (the newest load of a year is in force; older ones stay as history), and each clock's
 * history of due-time changes (a provisional deadline recomputed when its year is loaded).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE holiday_arrangements (
      revision bigserial PRIMARY KEY,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      holidays date[] NOT NULL,
      workdays date[] NOT NULL,
      source text NOT NULL,
      note text,
      loaded_by_user_id uuid REFERENCES users(id),
      loaded_by_label text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      clocks_recomputed int NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX holiday_arrangements_year_idx ON holiday_arrangements (year, revision DESC)`.execute(db);
  await sql`
    CREATE TABLE clock_changes (
      id bigserial PRIMARY KEY,
      clock_id uuid NOT NULL REFERENCES clocks(id),
      kind text NOT NULL,
      due_before timestamptz NOT NULL,
      due_after timestamptz NOT NULL,
      provisional_before boolean NOT NULL,
      provisional_after boolean NOT NULL,
      reason text NOT NULL,
      actor_user_id uuid,
      actor_label text NOT NULL,
      changed_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX clock_changes_clock_idx ON clock_changes (clock_id, id)`.execute(db);
  await sql`CREATE INDEX clocks_provisional_idx ON clocks (started_at) WHERE provisional AND state IN ('running', 'paused')`.execute(
    db,
  );
  await sql`UPDATE roles SET permissions = array_append(permissions, 'calendar.manage') WHERE code = 'system_admin' AND builtin AND NOT ('calendar.manage' = ANY (permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'calendar.manage') WHERE builtin`.execute(db);
  await sql`DROP INDEX IF EXISTS clocks_provisional_idx`.execute(db);
  await sql`DROP TABLE clock_changes`.execute(db);
  await sql`DROP TABLE holiday_arrangements`.execute(db);
}
