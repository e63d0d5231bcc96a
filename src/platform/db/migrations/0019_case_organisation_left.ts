import { type Kysely, sql } from 'kysely';

/**
 * Issue 12: an organisation that held the child (a rescue station, a protection centre) leaves the
 * case when the placement moves elsewhere. `left_at` records that, so reopening a closed case does
 * not give it the child back, and the reports of the case are no longer opened through it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_organisations ADD COLUMN left_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_organisations DROP COLUMN left_at`.execute(db);
}
