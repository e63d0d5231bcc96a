import { type Kysely, sql } from 'kysely';

/**
 * Finding children and not registering one twice: indexes for the list and the duplicate checks,
 * and the status a merged file had, so undoing a merge restores it exactly.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE child_merges ADD COLUMN merged_status_before text CHECK (merged_status_before IN ('active', 'aged_out', 'exited'))`.execute(
    db,
  );
  await sql`CREATE INDEX child_merges_merged_idx ON child_merges (merged_id)`.execute(db);
  // The default list is ordered by name: a large scope walks this index and stops at one page.
  await sql`CREATE INDEX children_name_id_idx ON children (name, id)`.execute(db);
  // Duplicate checks of an import join drafts on (name, birth date) and (full pinyin, birth date);
  // the full pinyin of the current name is the first key of pinyin_text (search-keys.ts).
  await sql`CREATE INDEX children_name_birth_idx ON children (name, birth_date)`.execute(db);
  await sql`CREATE INDEX children_pinyin_birth_idx ON children ((split_part(pinyin_text, ' ', 1)), birth_date)`.execute(
    db,
  );
  // Guardian phones are compared by their digits ("139 0000 1111" is 13900001111): equal for
  // duplicate checks, fragments for search (trigrams of digits work under any locale).
  await sql`CREATE INDEX family_members_phone_digits_idx ON family_members ((regexp_replace(phone, '\\D', '', 'g'))) WHERE removed_at IS NULL AND phone IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX family_members_phone_trgm_idx ON family_members USING gin ((regexp_replace(phone, '\\D', '', 'g')) gin_trgm_ops) WHERE removed_at IS NULL AND phone IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX family_members_name_pattern_idx ON family_members (name text_pattern_ops) WHERE removed_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX duplicate_candidates_state_idx ON duplicate_candidates (state, score DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX duplicate_candidates_state_idx, family_members_name_pattern_idx, family_members_phone_trgm_idx, family_members_phone_digits_idx, children_pinyin_birth_idx, children_name_birth_idx, children_name_id_idx, child_merges_merged_idx`.execute(
    db,
  );
  await sql`ALTER TABLE child_merges DROP COLUMN merged_status_before`.execute(db);
}
