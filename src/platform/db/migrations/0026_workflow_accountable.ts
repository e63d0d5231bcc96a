import { type Kysely, sql } from 'kysely';

/**
 * Issue 13: four eyes compare the person answerable for an action, not the account that sent it.
 * An API token has no user of its own (actor_user_id is null), so an officer's token could approve
 * the closure the officer requested. Each action now records its accountable human; older rows
 * fall back to actor_user_id when the log is folded (the log is append-only: no backfill).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_actions ADD COLUMN accountable_user_id uuid REFERENCES users(id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_actions DROP COLUMN accountable_user_id`.execute(db);
}
