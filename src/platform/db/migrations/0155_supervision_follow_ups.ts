import { type Kysely, sql } from 'kysely';

/**
 * Issue 17, the follow-up a supervision log entry asks for: a clock per follow-up (subject
 * `supervision_log`, the entry) owned by the supervisor, and the record that it was done — when, what
 * came of it, who said so. One per entry; append-only like the log itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE supervision_follow_ups (
      log_id uuid PRIMARY KEY REFERENCES supervision_logs(id),
      done_on date NOT NULL,
      note text,
      recorded_by uuid REFERENCES users(id),
      recorded_by_name text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE FUNCTION supervision_follow_ups_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'supervision_follow_ups is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER supervision_follow_ups_append_only BEFORE UPDATE OR DELETE ON supervision_follow_ups
    FOR EACH ROW EXECUTE FUNCTION supervision_follow_ups_append_only()`.execute(db);
  await sql`
    DO $$
    DECLARE def text;
    BEGIN
      SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conname = 'clocks_subject_type_check';
      ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check;
      EXECUTE 'ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check '
        || regexp_replace(def, '\\]\\)+$', '')
        || ', ''supervision_log''::text])))';
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM clock_changes WHERE clock_id IN (SELECT id FROM clocks WHERE subject_type = 'supervision_log')`.execute(
    db,
  );
  await sql`DELETE FROM alerts WHERE clock_id IN (SELECT id FROM clocks WHERE subject_type = 'supervision_log')`.execute(
    db,
  );
  await sql`DELETE FROM clocks WHERE subject_type = 'supervision_log'`.execute(db);
  await sql`
    DO $$
    DECLARE def text;
    BEGIN
      SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conname = 'clocks_subject_type_check';
      ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check;
      EXECUTE 'ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check '
        || replace(def, ', ''supervision_log''::text', '');
    END $$`.execute(db);
  await sql`DROP TABLE supervision_follow_ups`.execute(db);
  await sql`DROP FUNCTION supervision_follow_ups_append_only()`.execute(db);
}
