import { type Kysely, sql } from 'kysely';

/**
 * The insight snapshot's children in difficulty (`snapshot-compute.ts`) over a day's marked villages, from two
 * indexes that carry what the count reads: the villages' children by residence with their id and registration
 * time (the residence range index of 0014, replaced by the same index carrying both — no new index on children),
 * and each child's counted categories (confirmed or ended) with their category and dates. The count read every
 * child's row (the table scanned, then hashed against the marked villages) and probed each matched child's
 * category rows in the heap: at 100k, 160–170 ms of PostgreSQL's CPU a run against 50 ms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX children_residence_range_idx`.execute(db);
  await sql`CREATE INDEX children_residence_range_idx ON children (residence_code) INCLUDE (id, created_at)`.execute(
    db,
  );
  await sql`CREATE INDEX child_categories_counted_idx ON child_categories (child_id)
    INCLUDE (category, start_date, end_date, decided_at) WHERE state IN ('confirmed', 'ended')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX child_categories_counted_idx`.execute(db);
  await sql`DROP INDEX children_residence_range_idx`.execute(db);
  await sql`CREATE INDEX children_residence_range_idx ON children (residence_code)`.execute(db);
}
