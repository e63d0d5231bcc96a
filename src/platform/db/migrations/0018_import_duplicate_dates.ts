import { type Kysely, sql } from 'kysely';

/**
 * Issue 6, ledger import at a million children (after 0016_import_speed): keyed by name and county
 * alone, the duplicate check still read every same-name child of the county to keep the few a
 * proposal can come from. With the birth date in the key those are index conditions: born on a
 * given date, or on an unknown one. Children without an ID number (a few percent) get their own
 * small index, for the guardian-name check only they need.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX children_name_county_idx, children_pinyin_county_idx`.execute(db);
  await sql`CREATE INDEX children_name_county_idx ON children (name, left(residence_code, 6), birth_date)`.execute(db);
  await sql`CREATE INDEX children_pinyin_county_idx ON children ((split_part(pinyin_text, ' ', 1)), left(residence_code, 6), birth_date)`.execute(
    db,
  );
  await sql`CREATE INDEX children_no_id_name_county_idx ON children (name, left(residence_code, 6)) WHERE coalesce(id_number, '') = ''`.execute(
    db,
  );
  await sql`CREATE INDEX children_no_id_pinyin_county_idx ON children ((split_part(pinyin_text, ' ', 1)), left(residence_code, 6)) WHERE coalesce(id_number, '') = ''`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX children_no_id_pinyin_county_idx, children_no_id_name_county_idx, children_pinyin_county_idx, children_name_county_idx`.execute(
    db,
  );
  await sql`CREATE INDEX children_name_county_idx ON children (name, left(residence_code, 6))`.execute(db);
  await sql`CREATE INDEX children_pinyin_county_idx ON children ((split_part(pinyin_text, ' ', 1)), left(residence_code, 6))`.execute(
    db,
  );
}
