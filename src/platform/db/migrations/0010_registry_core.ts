import { type Kysely, sql } from 'kysely';

/**
 * The registry's use cases: a rule's proposal keeps the facts it was made from (shown with the
 * membership, and compared so a proposal staff rejected is not made again from the same facts),
 * a removed family member says why, and the re-proposal sweep finds situations by their start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE child_categories ADD COLUMN proposal_evidence jsonb`.execute(db);
  await sql`ALTER TABLE family_members ADD COLUMN removed_reason text`.execute(db);
  await sql`CREATE INDEX member_situations_since_idx ON member_situations (since) WHERE since IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX member_situations_since_idx`.execute(db);
  await sql`ALTER TABLE family_members DROP COLUMN removed_reason`.execute(db);
  await sql`ALTER TABLE child_categories DROP COLUMN proposal_evidence`.execute(db);
}
