import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, ledger import: every index of `children` costs each inserted row. Residence and
 * household codes carried two btrees each, one with text_pattern_ops (0003, for LIKE prefixes of
 * the scope) and a plain one (0014, for range estimates). Under the C collation (the embedded
 * cluster's, and `haven`'s own databases) the plain btree serves LIKE prefixes as well — the planner
 * already chose it for both kinds of query — so the pattern indexes are dropped there. A database
 * created with another collation keeps both: its plain btree cannot serve LIKE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      IF (SELECT datcollate FROM pg_database WHERE datname = current_database()) IN ('C', 'POSIX') THEN
        DROP INDEX IF EXISTS children_residence_idx, children_hukou_idx;
      END IF;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS children_residence_idx ON children (residence_code text_pattern_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX IF NOT EXISTS children_hukou_idx ON children (hukou_code text_pattern_ops)`.execute(db);
}
