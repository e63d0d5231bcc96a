import { type Kysely, sql } from 'kysely';

/**
 * Issue 6: the registry search at a million children (features/registry/search/tiers.ts). The
 * name tiers read btree indexes that also carry the scope's columns, so counting thousands of
 * matches reads index pages instead of one table page per child; names are also indexed from
 * their second character (where most given names start), with a small index of the few long
 * names for matches further in. Residence and household codes get plain btrees so a county's
 * range is estimated from the histogram (a LIKE pattern rounds it to "none" and the planner then
 * reads the whole county); former names get a partial index of just the children who have any.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const covering = sql`INCLUDE (status, residence_code, hukou_code)`;
  await sql`CREATE INDEX children_name_cover_idx ON children (name, id) ${covering}`.execute(db);
  // Superseded by the covering index (the same key).
  await sql`DROP INDEX children_name_id_idx`.execute(db);
  await sql`CREATE INDEX children_name_from2_idx ON children ((substr(name, 2)), name, id) ${covering}`.execute(db);
  await sql`CREATE INDEX children_long_name_idx ON children (name, id) ${covering} WHERE char_length(name) > 3`.execute(
    db,
  );
  await sql`CREATE INDEX children_former_grams_idx ON children USING gin (name_grams) WHERE cardinality(former_names) > 0`.execute(
    db,
  );
  await sql`CREATE INDEX children_residence_range_idx ON children (residence_code)`.execute(db);
  await sql`CREATE INDEX children_hukou_range_idx ON children (hukou_code)`.execute(db);
  // Statistics of the new expression (substr(name, 2)) now, not at the next autovacuum.
  await sql`ANALYZE children`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX children_hukou_range_idx, children_residence_range_idx, children_former_grams_idx, children_long_name_idx, children_name_from2_idx`.execute(
    db,
  );
  await sql`CREATE INDEX children_name_id_idx ON children (name, id)`.execute(db);
  await sql`DROP INDEX children_name_cover_idx`.execute(db);
}
