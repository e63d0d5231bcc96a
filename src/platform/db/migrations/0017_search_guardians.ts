import { type Kysely, sql } from 'kysely';

/**
 * Issue 6, registry search at a million children (after 0014_search_speed): names are also
 * indexed from their third character, where a one-character query most often sits inside a name
 * (the end of a given name); a guardian's name carries the child's id, so finding the children
 * of every guardian whose name starts with a query reads the index alone; and the planner learns
 * how few names are long (four characters or more), which it otherwise guesses as a third of all,
 * choosing a whole-city scan over the small index of long names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX children_name_from3_idx ON children ((substr(name, 3)), name, id) INCLUDE (status, residence_code, hukou_code)`.execute(
    db,
  );
  await sql`CREATE INDEX family_members_name_cover_idx ON family_members (name text_pattern_ops) INCLUDE (child_id) WHERE removed_at IS NULL`.execute(
    db,
  );
  // Superseded by the covering index (the same key and rows).
  await sql`DROP INDEX family_members_name_pattern_idx`.execute(db);
  await sql`CREATE STATISTICS children_name_length_stat ON (char_length(name)) FROM children`.execute(db);
  await sql`ANALYZE children, family_members`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP STATISTICS children_name_length_stat`.execute(db);
  await sql`CREATE INDEX family_members_name_pattern_idx ON family_members (name text_pattern_ops) WHERE removed_at IS NULL`.execute(
    db,
  );
  await sql`DROP INDEX family_members_name_cover_idx, children_name_from3_idx`.execute(db);
}
