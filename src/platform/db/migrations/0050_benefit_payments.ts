import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: monthly payment runs per county. A run is unique per county and month, and a line is
 * unique per application and month paid for, so running a month twice finds the same run and no
 * month is ever paid twice (the database refuses it). Runs, lines and their explained changes are
 * append-only; suspensions withhold months and say on lifting whether the withheld months are paid
 * in arrears.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE benefit_payment_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_no text NOT NULL UNIQUE,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{6}0{6}$'),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      child_count integer NOT NULL,
      line_count integer NOT NULL,
      total_fen bigint NOT NULL CHECK (total_fen >= 0),
      arrears_fen bigint NOT NULL CHECK (arrears_fen >= 0),
      created_by uuid REFERENCES users(id),
      created_org_id uuid REFERENCES organisations(id),
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (division_code, month)
    )`.execute(db);
  await sql`
    CREATE TABLE benefit_payment_lines (
      id bigserial PRIMARY KEY,
      run_id uuid NOT NULL REFERENCES benefit_payment_runs(id),
      child_id uuid NOT NULL REFERENCES children(id),
      application_id uuid NOT NULL REFERENCES benefit_applications(id),
      benefit_type text NOT NULL,
      national_category text NOT NULL,
      for_month date NOT NULL CHECK (extract(day FROM for_month) = 1),
      standard_fen integer NOT NULL CHECK (standard_fen >= 0),
      offset_fen integer NOT NULL DEFAULT 0 CHECK (offset_fen >= 0),
      amount_fen integer NOT NULL CHECK (amount_fen >= 0),
      arrears boolean NOT NULL,
      rules_version text NOT NULL,
      UNIQUE (application_id, for_month)
    )`.execute(db);
  await sql`CREATE INDEX benefit_payment_lines_run_idx ON benefit_payment_lines (run_id, child_id)`.execute(db);
  await sql`CREATE INDEX benefit_payment_lines_child_idx ON benefit_payment_lines (child_id)`.execute(db);
  await sql`
    CREATE TABLE benefit_payment_changes (
      id bigserial PRIMARY KEY,
      run_id uuid NOT NULL REFERENCES benefit_payment_runs(id),
      child_id uuid NOT NULL REFERENCES children(id),
      application_id uuid NOT NULL REFERENCES benefit_applications(id),
      benefit_type text NOT NULL,
      change text NOT NULL CHECK (change IN ('new', 'ended', 'amount_changed')),
      previous_fen integer,
      amount_fen integer,
      reason text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}'
    )`.execute(db);
  await sql`CREATE INDEX benefit_payment_changes_run_idx ON benefit_payment_changes (run_id)`.execute(db);
  await sql`
    CREATE FUNCTION benefit_payments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$`.execute(db);
  for (const table of ['benefit_payment_runs', 'benefit_payment_lines', 'benefit_payment_changes'])
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION benefit_payments_append_only()`.execute(db);
  await sql`
    CREATE TABLE benefit_payment_suspensions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES benefit_applications(id),
      child_id uuid NOT NULL REFERENCES children(id),
      from_month date NOT NULL CHECK (extract(day FROM from_month) = 1),
      reason text NOT NULL,
      suspended_by uuid REFERENCES users(id),
      suspended_by_label text NOT NULL,
      suspended_at timestamptz NOT NULL,
      resume_month date CHECK (extract(day FROM resume_month) = 1 AND resume_month >= from_month),
      pay_arrears boolean,
      lift_note text,
      lifted_by uuid REFERENCES users(id),
      lifted_by_label text,
      lifted_at timestamptz,
      CHECK ((resume_month IS NULL) = (pay_arrears IS NULL) AND (resume_month IS NULL) = (lifted_at IS NULL))
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX benefit_payment_suspensions_open_idx ON benefit_payment_suspensions (application_id)
    WHERE resume_month IS NULL`.execute(db);
  await sql`CREATE INDEX benefit_payment_suspensions_child_idx ON benefit_payment_suspensions (child_id)`.execute(db);
  await sql`
    UPDATE roles SET permissions = array_append(permissions, 'benefits.pay')
    WHERE code = 'civil_affairs_officer' AND builtin AND NOT ('benefits.pay' = ANY (permissions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'benefits.pay') WHERE builtin`.execute(db);
  await sql`DROP TABLE benefit_payment_suspensions`.execute(db);
  await sql`DROP TABLE benefit_payment_changes`.execute(db);
  await sql`DROP TABLE benefit_payment_lines`.execute(db);
  await sql`DROP TABLE benefit_payment_runs`.execute(db);
  await sql`DROP FUNCTION benefit_payments_append_only`.execute(db);
}
