import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the auditor's searches: by time, by organisation, by action or action prefix.
 * Actor-label text is matched by ILIKE without an index on purpose: pg_trgm skips CJK under the
 * C locale, and a gram index measured 3–4× the cost of every audit insert (the hot path: each
 * read of a child's file) to speed up a rare search that a time range or user id narrows anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_log_time_idx ON audit_log (occurred_at)`.execute(db);
  await sql`CREATE INDEX audit_log_org_idx ON audit_log (actor_org_id, occurred_at) WHERE actor_org_id IS NOT NULL`.execute(
    db,
  );
  // text_pattern_ops serves both an exact action and a prefix such as 'auth.%'.
  await sql`CREATE INDEX audit_log_action_idx ON audit_log (action text_pattern_ops, occurred_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX audit_log_action_idx, audit_log_org_idx, audit_log_time_idx`.execute(db);
}
