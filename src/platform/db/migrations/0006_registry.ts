import { type Kysely, sql } from 'kysely';

/**
 * The child's file (一人一档): identity, where, health, family with dated situations, category
 * memberships, a timeline that doubles as the versioned history, duplicate review and merges.
 * Also two platform tables every later feature needs: versioned rule sets (invariant 7) and
 * stored files (ledger uploads, report attachments), kept in PostgreSQL so several server
 * processes and the backup see the same files.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE children
      ADD COLUMN file_no bigserial,
      ADD COLUMN former_names text[] NOT NULL DEFAULT '{}',
      ADD COLUMN ethnicity text,
      ADD COLUMN school text,
      ADD COLUMN grade text,
      ADD COLUMN disability_type text,
      ADD COLUMN disability_grade smallint CHECK (disability_grade BETWEEN 1 AND 4),
      ADD COLUMN disability_certificate text,
      ADD COLUMN serious_illness text,
      ADD COLUMN household_benefits text[] NOT NULL DEFAULT '{}',
      ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'aged_out', 'exited', 'merged')),
      ADD COLUMN status_reason text,
      ADD COLUMN handoff_note text,
      ADD COLUMN merged_into uuid REFERENCES children(id),
      ADD COLUMN risk_grade text CHECK (risk_grade IN ('low', 'medium_low', 'medium_high', 'high')),
      ADD COLUMN name_grams text[] NOT NULL DEFAULT '{}',
      ADD COLUMN pinyin_text text NOT NULL DEFAULT '',
      ADD COLUMN registered_by_org uuid REFERENCES organisations(id),
      ADD COLUMN created_by uuid REFERENCES users(id)`.execute(db);
  // The Haven identifier every file has (and the only one of a child without an ID number); derived
  // from a serial so backup/restore carries it on like any other sequence.
  await sql`ALTER TABLE children ADD COLUMN haven_code text GENERATED ALWAYS AS ('HV' || lpad(file_no::text, 10, '0')) STORED`.execute(
    db,
  );
  await sql`ALTER TABLE children ADD CONSTRAINT children_haven_code_key UNIQUE (haven_code)`.execute(db);
  // One file per identity number; a merged file keeps its number, so the rule applies to live files.
  await sql`CREATE UNIQUE INDEX children_id_number_live_key ON children (id_number) WHERE id_number IS NOT NULL AND status <> 'merged'`.execute(
    db,
  );
  await sql`CREATE INDEX children_name_grams_idx ON children USING gin (name_grams)`.execute(db);
  await sql`CREATE INDEX children_pinyin_trgm_idx ON children USING gin (pinyin_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX children_id_number_trgm_idx ON children USING gin (id_number gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX children_birth_date_idx ON children (birth_date)`.execute(db);
  await sql`CREATE INDEX children_merged_into_idx ON children (merged_into) WHERE merged_into IS NOT NULL`.execute(db);

  // Parents, guardians, entrusted carers and relatives of one child.
  await sql`
    CREATE TABLE family_members (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      relation text NOT NULL,
      is_guardian boolean NOT NULL DEFAULT false,
      name text NOT NULL,
      id_number text,
      phone text,
      address text,
      guardianship_capacity text CHECK (guardianship_capacity IN ('full', 'partial', 'none')),
      note text,
      removed_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX family_members_child_idx ON family_members (child_id)`.execute(db);
  await sql`CREATE INDEX family_members_phone_idx ON family_members (phone) WHERE phone IS NOT NULL`.execute(db);
  await sql`CREATE INDEX family_members_name_idx ON family_members (name)`.execute(db);

  // A member's situation over time: working away since…, detained from…until, deceased, missing since…
  await sql`
    CREATE TABLE member_situations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      member_id uuid NOT NULL REFERENCES family_members(id),
      kind text NOT NULL CHECK (kind IN ('present', 'working_away', 'deceased', 'missing', 'imprisoned', 'drug_rehabilitation', 'severe_illness', 'disabled', 'deported')),
      place text,
      since date,
      until date,
      disability_grade smallint CHECK (disability_grade BETWEEN 1 AND 4),
      disability_type text,
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX member_situations_member_idx ON member_situations (member_id)`.execute(db);
  // The sweep that re-proposes categories when a detention or rehabilitation ends looks these up by date.
  await sql`CREATE INDEX member_situations_until_idx ON member_situations (until) WHERE until IS NOT NULL`.execute(db);

  // Membership of a category (分类保障): proposed by a rule or entered, then confirmed or rejected.
  await sql`
    CREATE TABLE child_categories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      category text NOT NULL CHECK (category IN ('poverty', 'disability', 'guardianship_missing', 'orphan', 'de_facto_unsupported', 'left_behind', 'street', 'juvenile_victim', 'juvenile_offender')),
      state text NOT NULL CHECK (state IN ('proposed', 'confirmed', 'rejected', 'ended')),
      evidence text,
      proposed_by_rule text,
      rule_set_version text,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_reason text,
      start_date date,
      end_date date,
      end_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX child_categories_child_idx ON child_categories (child_id)`.execute(db);
  await sql`CREATE INDEX child_categories_live_idx ON child_categories (category, child_id) WHERE state IN ('proposed', 'confirmed')`.execute(
    db,
  );
  // At most one open proposal or confirmed membership per category: a rule re-proposing is a no-op.
  await sql`CREATE UNIQUE INDEX child_categories_open_key ON child_categories (child_id, category) WHERE state IN ('proposed', 'confirmed')`.execute(
    db,
  );

  // Everything that happened to the child. Rows with before/after are the versioned history of the
  // file (restorable); later features add cases, visits, placements and benefits as they happen.
  await sql`
    CREATE TABLE child_timeline (
      id bigserial PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES children(id),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      kind text NOT NULL,
      actor_user_id uuid REFERENCES users(id),
      actor_label text NOT NULL,
      reason text,
      entity_type text,
      entity_id text,
      before jsonb,
      after jsonb,
      details jsonb NOT NULL DEFAULT '{}'
    )`.execute(db);
  await sql`CREATE INDEX child_timeline_child_idx ON child_timeline (child_id, occurred_at)`.execute(db);

  // Possible duplicates, found on create, on import and by the sweep; decisions are remembered.
  await sql`
    CREATE TABLE duplicate_candidates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_a uuid NOT NULL REFERENCES children(id),
      child_b uuid NOT NULL REFERENCES children(id),
      score integer NOT NULL,
      reasons jsonb NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'not_same', 'merged')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (child_a < child_b),
      UNIQUE (child_a, child_b)
    )`.execute(db);
  await sql`CREATE INDEX duplicate_candidates_open_idx ON duplicate_candidates (score DESC) WHERE state = 'open'`.execute(
    db,
  );
  await sql`CREATE INDEX duplicate_candidates_b_idx ON duplicate_candidates (child_b)`.execute(db);

  // A merge keeps both files: the merged one points at the survivor and reads of the survivor
  // include the merged file's facts; undo clears the pointer.
  await sql`
    CREATE TABLE child_merges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      survivor_id uuid NOT NULL REFERENCES children(id),
      merged_id uuid NOT NULL REFERENCES children(id),
      candidate_id uuid REFERENCES duplicate_candidates(id),
      reason text,
      merged_by uuid REFERENCES users(id),
      merged_at timestamptz NOT NULL DEFAULT now(),
      undone_by uuid REFERENCES users(id),
      undone_at timestamptz,
      undo_reason text
    )`.execute(db);
  await sql`CREATE INDEX child_merges_survivor_idx ON child_merges (survivor_id)`.execute(db);

  // Invariant 7: deadlines, thresholds, recipients as data. A row overrides the built-in defaults
  // for a division subtree ('000000000000' = everywhere) from a date; the newest version wins.
  await sql`
    CREATE TABLE rule_sets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      scope_code text NOT NULL CHECK (scope_code ~ '^[0-9]{12}$'),
      version integer NOT NULL,
      valid_from date NOT NULL,
      rules jsonb NOT NULL,
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (scope_code, version)
    )`.execute(db);

  await sql`
    CREATE TABLE stored_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sha256 text NOT NULL,
      file_name text NOT NULL,
      media_type text NOT NULL,
      size_bytes integer NOT NULL,
      content bytea NOT NULL,
      purpose text NOT NULL,
      created_by uuid REFERENCES users(id),
      organisation_id uuid REFERENCES organisations(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX stored_files_sha_idx ON stored_files (sha256)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE stored_files, rule_sets, child_merges, duplicate_candidates, child_timeline, child_categories, member_situations, family_members`.execute(
    db,
  );
  await sql`
    ALTER TABLE children
      DROP COLUMN haven_code, DROP COLUMN file_no, DROP COLUMN former_names, DROP COLUMN ethnicity, DROP COLUMN school, DROP COLUMN grade,
      DROP COLUMN disability_type, DROP COLUMN disability_grade, DROP COLUMN disability_certificate, DROP COLUMN serious_illness,
      DROP COLUMN household_benefits, DROP COLUMN status, DROP COLUMN status_reason, DROP COLUMN handoff_note, DROP COLUMN merged_into,
      DROP COLUMN risk_grade, DROP COLUMN name_grams, DROP COLUMN pinyin_text, DROP COLUMN registered_by_org, DROP COLUMN created_by`.execute(
    db,
  );
}
