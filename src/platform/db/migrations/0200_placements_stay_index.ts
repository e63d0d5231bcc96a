import { type Kysely, sql } from 'kysely';

/**
 * The insight snapshots count the placements running at a moment per division and kind, with their
 * stay days, every run (the days move with the day wherever a child is placed). In this order, with
 * the columns the count reads carried in the index, the count is one ordered pass over the index
 * into a grouped aggregate: no read of the wide placement rows, no hash table of every division and
 * kind spilling to disk (at 100k: 0.19 s against 0.55–0.76 s).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX placements_stay_idx ON placements (division_code, kind)
    INCLUDE (started_at, ended_at, guardianship_type)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX placements_stay_idx`.execute(db);
}
