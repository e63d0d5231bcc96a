import { type Kysely, sql } from 'kysely';

/**
 * Issue 17: training sessions of the grassroots team and who attended (with the certificate), the
 * subsidies, incentives and accountability records of each roster entry, and the officer's yearly
 * assessment (the indicators are computed from the work; what is stored is the snapshot the officer
 * judged and the rating).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE training_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      topic text NOT NULL,
      held_on date NOT NULL,
      hours numeric(5, 1) NOT NULL CHECK (hours > 0 AND hours <= 200),
      trainer text NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      certificate text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX training_sessions_division_idx ON training_sessions (division_code text_pattern_ops, held_on)`.execute(
    db,
  );
  await sql`
    CREATE TABLE training_attendance (
      session_id uuid NOT NULL REFERENCES training_sessions(id),
      staff_id uuid NOT NULL REFERENCES grassroots_staff(id),
      certificate_no text,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, staff_id)
    )`.execute(db);
  await sql`CREATE INDEX training_attendance_staff_idx ON training_attendance (staff_id)`.execute(db);
  await sql`
    CREATE TABLE grassroots_records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      staff_id uuid NOT NULL REFERENCES grassroots_staff(id),
      kind text NOT NULL CHECK (kind IN ('subsidy', 'incentive', 'accountability')),
      decided_on date NOT NULL,
      amount numeric(10, 2) CHECK (amount IS NULL OR amount >= 0),
      reason text NOT NULL,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX grassroots_records_staff_idx ON grassroots_records (staff_id, decided_on)`.execute(db);
  await sql`
    CREATE TABLE grassroots_appraisals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      staff_id uuid NOT NULL REFERENCES grassroots_staff(id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      indicators jsonb NOT NULL,
      rating text NOT NULL CHECK (rating IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
      comment text,
      version integer NOT NULL DEFAULT 1,
      recorded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (staff_id, year)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE grassroots_appraisals`.execute(db);
  await sql`DROP TABLE grassroots_records`.execute(db);
  await sql`DROP TABLE training_attendance`.execute(db);
  await sql`DROP TABLE training_sessions`.execute(db);
}
