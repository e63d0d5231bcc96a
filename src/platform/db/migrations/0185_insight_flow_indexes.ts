import { type Kysely, sql } from 'kysely';

/**
 * Issue 20's flow tables (reports by channel and reporting organisation, report → closure time,
 * finished stays) are read per request for one month of one place. Each is bounded by a time:
 * reports received in the month (a province's month without scanning its whole division index),
 * first closures in the months, placements ended in the month.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX reports_reported_at_idx ON reports (reported_at)`.execute(db);
  await sql`CREATE INDEX case_actions_closed_at_idx ON case_actions (occurred_at, case_id) WHERE status_after = 'closed'`.execute(
    db,
  );
  await sql`CREATE INDEX placements_ended_at_idx ON placements (ended_at) WHERE ended_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX placements_ended_at_idx`.execute(db);
  await sql`DROP INDEX case_actions_closed_at_idx`.execute(db);
  await sql`DROP INDEX reports_reported_at_idx`.execute(db);
}
