import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: an orphan over 18 still in school has the allowance renewed to a stated end date
 * (about to age out → over age awaiting renewal → renewed → renewal ended). One renewal per
 * approved application, its steps in an append-only log; each state's deadline is a clock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE benefit_renewals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES benefit_applications(id),
      child_id uuid NOT NULL REFERENCES children(id),
      division_code text NOT NULL,
      ages_out_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('about_to_age_out', 'awaiting_renewal', 'renewed', 'renewal_ended')),
      renewed_until date,
      school text,
      seq integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX benefit_renewals_child_idx ON benefit_renewals (child_id)`.execute(db);
  await sql`CREATE INDEX benefit_renewals_status_idx ON benefit_renewals (status, division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`
    CREATE TABLE benefit_renewal_steps (
      id bigserial PRIMARY KEY,
      renewal_id uuid NOT NULL REFERENCES benefit_renewals(id),
      seq integer NOT NULL,
      type text NOT NULL,
      status_after text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id),
      actor_label text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (renewal_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION benefit_renewal_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'benefit_renewal_steps is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER benefit_renewal_steps_append_only BEFORE UPDATE OR DELETE ON benefit_renewal_steps
    FOR EACH ROW EXECUTE FUNCTION benefit_renewal_steps_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE benefit_renewal_steps`.execute(db);
  await sql`DROP FUNCTION benefit_renewal_steps_append_only`.execute(db);
  await sql`DROP TABLE benefit_renewals`.execute(db);
}
