import { type Kysely, sql } from 'kysely';

/**
 * Issue 19: a parenting or family-education session records who attended (name and relation to the
 * child), not only how many. Kept beside the head count, which stays the figure projects count.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE service_sessions
    ADD COLUMN attended_by jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attended_by) = 'array')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE service_sessions DROP COLUMN attended_by`.execute(db);
}
