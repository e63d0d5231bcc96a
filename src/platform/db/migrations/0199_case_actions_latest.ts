import { type Kysely, sql } from 'kysely';

/**
 * The insight snapshots take each case's status at a moment as its log's last entry before it
 * (latest `occurred_at`, then `seq`: an action can be recorded after another that happened later).
 * In this order, with the status each entry led to carried in the index, the last entry of every
 * case is one ordered pass over the index (no heap, no sort), instead of a probe and a sort of the
 * log per case. The log stays the only record of a status: the index holds what the log holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX case_actions_latest_idx ON case_actions (case_id, occurred_at DESC, seq DESC)
    INCLUDE (status_after)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX case_actions_latest_idx`.execute(db);
}
