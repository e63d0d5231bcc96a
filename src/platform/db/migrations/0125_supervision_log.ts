import { type Kysely, sql } from 'kysely';

/**
 * Issue 17, the township supervisor's supervision log (督导日志): each check of a village director's
 * work — the date, the director, the village, what was checked, the findings and the follow-up asked
 * for (with a date when it is due). Append-only: a later check records what came of the follow-up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE supervision_logs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      director_staff_id uuid NOT NULL REFERENCES grassroots_staff(id),
      supervisor_staff_id uuid REFERENCES grassroots_staff(id),
      supervisor_name text NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      checked_on date NOT NULL,
      checked text[] NOT NULL CHECK (cardinality(checked) >= 1
        AND checked <@ ARRAY['home_visits', 'child_files', 'ledger', 'entrusted_care', 'children_met', 'other']::text[]),
      checked_note text,
      findings text NOT NULL,
      follow_up text,
      follow_up_by date,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (follow_up_by IS NULL OR (follow_up IS NOT NULL AND follow_up_by >= checked_on))
    )`.execute(db);
  await sql`CREATE INDEX supervision_logs_director_idx ON supervision_logs (director_staff_id, checked_on DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX supervision_logs_division_idx ON supervision_logs (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION supervision_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'supervision_logs is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER supervision_logs_append_only BEFORE UPDATE OR DELETE ON supervision_logs
    FOR EACH ROW EXECUTE FUNCTION supervision_logs_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE supervision_logs`.execute(db);
  await sql`DROP FUNCTION supervision_logs_append_only()`.execute(db);
}
