import { type Kysely, sql } from 'kysely';

/**
 * Issue 19, family support: a guardian referred to vocational training (职业技能培训) for the sake
 * of a child — the course, who provides it, when referred — followed to enrolment and completion
 * (or dropping out). Its status only moves forward; `version` guards stale edits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE guardian_trainings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      guardian text NOT NULL,
      course text NOT NULL,
      provider text NOT NULL,
      referred_on date NOT NULL,
      status text NOT NULL DEFAULT 'referred' CHECK (status IN ('referred', 'enrolled', 'completed', 'dropped')),
      enrolled_on date,
      ended_on date,
      note text,
      owner_org_id uuid NOT NULL REFERENCES organisations(id),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX guardian_trainings_child_idx ON guardian_trainings (child_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE guardian_trainings`.execute(db);
}
