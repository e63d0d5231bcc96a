import { type Kysely, sql } from 'kysely';

/**
 * Issue 13: participation has one writer (src/core/scope/participation.ts), which grants on a
 * basis (case, referral, placement, project) and ends every grant of a basis when it ends. The
 * basis columns exist since 0003 and every row written so far names its case; this adds what a
 * grant may cover (null: the whole file, as every grant so far) and the index that ending a basis
 * looks its grants up by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE child_participations ADD COLUMN fields text[]`.execute(db);
  await sql`CREATE INDEX child_participations_basis_idx ON child_participations (basis, basis_id) WHERE ended_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX child_participations_basis_idx`.execute(db);
  await sql`ALTER TABLE child_participations DROP COLUMN fields`.execute(db);
}
