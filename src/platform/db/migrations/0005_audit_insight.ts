import { type Kysely, sql } from 'kysely';

/** Indexes for the auditor's searches: by time, organisation, action (or its prefix), actor name. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_log_time_idx ON audit_log (occurred_at)`.execute(db);
  await sql`CREATE INDEX audit_log_org_idx ON audit_log (actor_org_id, occurred_at) WHERE actor_org_id IS NOT NULL`.execute(db);
  // text_pattern_ops serves both an exact action and a prefix such as 'auth.%'.
  await sql`CREATE INDEX audit_log_action_idx ON audit_log (action text_pattern_ops, occurred_at)`.execute(db);

  // pg_trgm skips CJK characters under the C locale (the embedded PostgreSQL's), so actor labels
  // ("张伟 (沙市区民政局)") are indexed by their 1- and 2-character grams; a query's bigrams are
  // contained in every label that contains the query, and ILIKE then confirms the match.
  await sql`
    CREATE FUNCTION audit_label_grams(label text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(
      SELECT DISTINCT substr(lower(label), i, n)
      FROM generate_series(1, char_length(label)) AS i, generate_series(1, 2) AS n
      WHERE i + n - 1 <= char_length(label))`.execute(db);
  await sql`
    CREATE FUNCTION audit_query_grams(query text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN char_length(query) < 2 THEN ARRAY[lower(query)]
      ELSE ARRAY(SELECT DISTINCT substr(lower(query), i, 2) FROM generate_series(1, char_length(query) - 1) AS i) END`.execute(db);
  await sql`CREATE INDEX audit_log_label_grams_idx ON audit_log USING gin (audit_label_grams(actor_label))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX audit_log_label_grams_idx, audit_log_action_idx, audit_log_org_idx, audit_log_time_idx`.execute(db);
  await sql`DROP FUNCTION audit_query_grams(text), audit_label_grams(text)`.execute(db);
}
