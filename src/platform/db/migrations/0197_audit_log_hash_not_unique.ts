import { type Kysely, sql } from 'kysely';

/**
 * Issue 21, the audited read at ≥ 40 % of the bare route: every read of a child's file writes one
 * audit row into each index of `audit_log`. The unique index on `hash` (0001) is the one no query
 * reads — the search, its count and export filter by actor, organisation, child, entity, action
 * and time; `haven audit verify`, the checkpoints and `audit_append` walk or read the chain by `id`
 * — and the costliest to keep: a random 64-character key, so each append dirties a leaf page of
 * its own (the largest of the eight, 12 MB against 2–4 MB at 100k entries).
 *
 * Its uniqueness guarded nothing the chain does not: each entry's hash covers the previous hash,
 * so two equal hashes would need an HMAC-SHA256 collision, and what tampering does leave — an
 * entry edited, inserted, dropped or copied — `haven audit verify` finds by recomputing each hash
 * and its link to the one before (a copied entry's `prev_hash` is not its predecessor's hash).
 * The entries stay append-only (0001's trigger, 0022's grants).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log DROP CONSTRAINT audit_log_hash_key`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log ADD CONSTRAINT audit_log_hash_key UNIQUE (hash)`.execute(db);
}
