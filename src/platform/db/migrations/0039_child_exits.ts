import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: a child leaves the registry with a national exit reason and a date; the file and its
 * history stay (status `exited`), the exit itself is a row of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE child_exits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      reason text NOT NULL,
      exited_on date NOT NULL,
      note text,
      status_before text NOT NULL,
      recorded_by uuid REFERENCES users(id),
      recorded_by_label text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX child_exits_child_idx ON child_exits (child_id, recorded_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE child_exits`.execute(db);
}
