import { type Kysely, sql } from 'kysely';

/**
 * Issue 17: home visits recorded through the API (0012 held rows for the benchmarks only). A visit
 * names the roster entry it was made under, the rule set that gave its next due date, and may be
 * corrected (version, updated_at); visit clocks are rows of `clocks` (subject 'visit', per child).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE home_visits ADD COLUMN staff_id uuid REFERENCES grassroots_staff(id)`.execute(db);
  await sql`ALTER TABLE home_visits ADD COLUMN rule_set_version text`.execute(db);
  await sql`ALTER TABLE home_visits ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`.execute(db);
  await sql`CREATE INDEX clocks_visit_child_idx ON clocks (child_id) WHERE subject_type = 'visit' AND state IN ('running', 'paused')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX clocks_visit_child_idx`.execute(db);
  await sql`ALTER TABLE home_visits DROP COLUMN updated_at`.execute(db);
  await sql`ALTER TABLE home_visits DROP COLUMN rule_set_version`.execute(db);
  await sql`ALTER TABLE home_visits DROP COLUMN staff_id`.execute(db);
}
