import { type Kysely, sql } from 'kysely';

/**
 * Issue 6, ledger import at a million children: the duplicate check looks for the same name (or
 * full pinyin) in the draft's county whatever the birth date. By name alone that reads every
 * child of a common name in the province (about 170 heap rows a draft at 1M, 2 s a batch of 500);
 * keyed by name and county it reads the few in the county. left(…, 6) is the county whatever the
 * database's collation (a LIKE prefix uses a plain btree only under the C collation).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX children_name_county_idx ON children (name, left(residence_code, 6))`.execute(db);
  await sql`CREATE INDEX children_pinyin_county_idx ON children ((split_part(pinyin_text, ' ', 1)), left(residence_code, 6))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX children_pinyin_county_idx, children_name_county_idx`.execute(db);
}
