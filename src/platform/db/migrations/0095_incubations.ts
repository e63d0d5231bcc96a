import { type Kysely, sql } from 'kysely';

/**
 * Issue 19, §4.3.1: incubation records of children's social organisations. An incubation is a
 * workflow subject (no child): its status is the fold of `incubation_actions` (append-only):
 * start → milestones and support recorded → registered as a social organisation, or ended. What was
 * reached, given and the outcome are read from the log's payloads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incubations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      incubator text NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      starts_on date NOT NULL,
      planned_end_on date NOT NULL CHECK (planned_end_on >= starts_on),
      services text[] NOT NULL DEFAULT '{}',
      note text,
      owner_org_id uuid NOT NULL REFERENCES organisations(id),
      seq integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX incubations_division_idx ON incubations (division_code)`.execute(db);
  await sql`
    CREATE TABLE incubation_actions (
      id bigserial PRIMARY KEY,
      incubation_id uuid NOT NULL REFERENCES incubations(id),
      seq integer NOT NULL,
      type text NOT NULL,
      status_after text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id),
      accountable_user_id uuid REFERENCES users(id),
      actor_org_id uuid REFERENCES organisations(id),
      actor_label text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (incubation_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION incubation_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'incubation_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER incubation_actions_append_only BEFORE UPDATE OR DELETE ON incubation_actions
    FOR EACH ROW EXECUTE FUNCTION incubation_actions_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE incubation_actions`.execute(db);
  await sql`DROP FUNCTION incubation_actions_append_only()`.execute(db);
  await sql`DROP TABLE incubations`.execute(db);
}
