import { type Kysely, sql } from 'kysely';

/**
 * Issue 12: a registrar who finds a likely match outside her area is not shown it (no code, no
 * county) and cannot review the pair herself. Registering anyway records the pair as a merge
 * request by her, which the officer who sees both files finds marked in the review queue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE duplicate_candidates ADD COLUMN merge_requested_by uuid REFERENCES users(id), ADD COLUMN merge_requested_at timestamptz`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE duplicate_candidates DROP COLUMN merge_requested_at, DROP COLUMN merge_requested_by`.execute(
    db,
  );
}
