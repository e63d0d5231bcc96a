import { type Kysely, sql } from 'kysely';

/**
 * Issue 18, data from other departments without an ID number: a row matched by name, birth date and
 * place keeps how sure the match is (certain by ID number, strong, weak, ambiguous) and why; the
 * column mapping an organisation chose for a department's kind of roll is remembered for the next file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE department_roll_rows ADD COLUMN match_level text CHECK (match_level IN ('certain', 'strong', 'weak', 'ambiguous'))`.execute(
    db,
  );
  // NULL on a proposal: matched by ID number (rolls stored before name matching).
  await sql`ALTER TABLE fact_proposals ADD COLUMN match jsonb`.execute(db);
  await sql`ALTER TABLE department_rolls ADD COLUMN match_counts jsonb NOT NULL DEFAULT '{}'`.execute(db);
  await sql`
    CREATE TABLE department_roll_mappings (
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      department text NOT NULL,
      kind text NOT NULL,
      mapping jsonb NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, department, kind)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE department_roll_mappings`.execute(db);
  await sql`ALTER TABLE department_rolls DROP COLUMN match_counts`.execute(db);
  await sql`ALTER TABLE fact_proposals DROP COLUMN match`.execute(db);
  await sql`ALTER TABLE department_roll_rows DROP COLUMN match_level`.execute(db);
}
