import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: a confirmed fact that removes the basis of an approved benefit (the household left 低保,
 * a parent released or found) opens a review for the county instead of the benefit silently going
 * on; one open review per application. Applications the system opens from a department's roll (the
 * 低保/特困 child add-on) name the roll as their applicant (`department_data`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE benefit_applications DROP CONSTRAINT benefit_applications_applicant_kind_check`.execute(db);
  await sql`ALTER TABLE benefit_applications ADD CONSTRAINT benefit_applications_applicant_kind_check CHECK (applicant_kind IN ('guardian', 'relative', 'village_committee', 'department_data'))`.execute(
    db,
  );
  await sql`
    CREATE TABLE benefit_reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES benefit_applications(id),
      child_id uuid NOT NULL REFERENCES children(id),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      category text NOT NULL,
      cause jsonb NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ended', 'kept')),
      opened_by_label text NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES users(id),
      decided_by_label text,
      decided_at timestamptz,
      decision_note text,
      ended_on date,
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX benefit_reviews_one_open_idx ON benefit_reviews (application_id) WHERE status = 'open'`.execute(
    db,
  );
  await sql`CREATE INDEX benefit_reviews_child_idx ON benefit_reviews (child_id)`.execute(db);
  await sql`CREATE INDEX benefit_reviews_open_division_idx ON benefit_reviews (division_code text_pattern_ops) WHERE status = 'open'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE benefit_reviews`.execute(db);
  await sql`ALTER TABLE benefit_applications DROP CONSTRAINT benefit_applications_applicant_kind_check`.execute(db);
  await sql`ALTER TABLE benefit_applications ADD CONSTRAINT benefit_applications_applicant_kind_check CHECK (applicant_kind IN ('guardian', 'relative', 'village_committee'))`.execute(
    db,
  );
}
