import { type Kysely, sql } from 'kysely';

/**
 * Issue 17: the guardianship assessment of Hubei DB42/T 1969-2023, on the child (a case is optional).
 * The record is versioned: a correction bumps `version` and keeps what it replaced in
 * `guardianship_assessment_revisions` (append-only). Clocks of subject 'assessment' (per child) keep
 * "when to assess". `assessments.record` joins the roles that assess.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE guardianship_assessments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      case_id uuid REFERENCES cases(id),
      assessed_on date NOT NULL,
      trigger text NOT NULL CHECK (trigger IN ('risk_clue', 'before_return_home', 'periodic', 'case', 'other')),
      answers jsonb NOT NULL,
      overrides text[] NOT NULL DEFAULT '{}',
      notes text,
      score numeric(5, 1) NOT NULL,
      by_indicator jsonb NOT NULL,
      scored_grade text NOT NULL CHECK (scored_grade IN ('missing', 'improper', 'insufficient', 'normal')),
      grade text NOT NULL CHECK (grade IN ('missing', 'improper', 'insufficient', 'normal')),
      capped_by text[] NOT NULL DEFAULT '{}',
      risk_grade text NOT NULL CHECK (risk_grade IN ('low', 'medium_low', 'medium_high', 'high')),
      risk_grade_before text CHECK (risk_grade_before IN ('low', 'medium_low', 'medium_high', 'high')),
      overridden boolean NOT NULL DEFAULT false,
      rule_set_version text NOT NULL,
      follow_up_state text CHECK (follow_up_state IN ('open', 'taken_up')),
      follow_up_note text,
      follow_up_by uuid REFERENCES users(id),
      follow_up_at timestamptz,
      assessor_user_id uuid REFERENCES users(id),
      assessor_name text NOT NULL,
      organisation_id uuid REFERENCES organisations(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX guardianship_assessments_child_idx ON guardianship_assessments (child_id, assessed_on DESC, created_at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX guardianship_assessments_follow_up_idx ON guardianship_assessments (follow_up_state) WHERE follow_up_state = 'open'`.execute(
    db,
  );
  await sql`
    CREATE TABLE guardianship_assessment_revisions (
      assessment_id uuid NOT NULL REFERENCES guardianship_assessments(id),
      version integer NOT NULL,
      answers jsonb NOT NULL,
      overrides text[] NOT NULL,
      notes text,
      score numeric(5, 1) NOT NULL,
      grade text NOT NULL,
      risk_grade text NOT NULL,
      replaced_by uuid REFERENCES users(id),
      replaced_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (assessment_id, version)
    )`.execute(db);
  await sql`
    CREATE FUNCTION guardianship_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'guardianship_assessment_revisions is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER guardianship_revisions_append_only BEFORE UPDATE OR DELETE ON guardianship_assessment_revisions
    FOR EACH ROW EXECUTE FUNCTION guardianship_revisions_append_only()`.execute(db);
  await sql`ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check`.execute(db);
  await sql`ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check CHECK (subject_type IN ('report_recipient', 'case', 'referral', 'placement', 'visit', 'application', 'recommendation', 'action_item', 'assessment'))`.execute(
    db,
  );
  await sql`CREATE INDEX clocks_assessment_child_idx ON clocks (child_id) WHERE subject_type = 'assessment' AND state IN ('running', 'paused')`.execute(
    db,
  );
  await sql`UPDATE roles SET permissions = array_append(permissions, 'assessments.record') WHERE builtin AND code IN ('civil_affairs_officer', 'township_supervisor', 'village_director') AND NOT ('assessments.record' = ANY (permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'assessments.record') WHERE builtin`.execute(db);
  await sql`DROP INDEX clocks_assessment_child_idx`.execute(db);
  await sql`DELETE FROM clocks WHERE subject_type = 'assessment'`.execute(db);
  await sql`ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check`.execute(db);
  await sql`ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check CHECK (subject_type IN ('report_recipient', 'case', 'referral', 'placement', 'visit', 'application', 'recommendation', 'action_item'))`.execute(
    db,
  );
  await sql`DROP TABLE guardianship_assessment_revisions`.execute(db);
  await sql`DROP FUNCTION guardianship_revisions_append_only()`.execute(db);
  await sql`DROP TABLE guardianship_assessments`.execute(db);
}
