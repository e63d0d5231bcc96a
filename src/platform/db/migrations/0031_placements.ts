import { type Kysely, sql } from 'kysely';

/**
 * Issue 16: placements as episodes on the child's file, with their own append-only action log.
 * One current placement per child is the database's rule: an exclusion constraint over the
 * episode's time range (btree_gist, shipped with PostgreSQL and trusted since 13), so two
 * concurrent placements of one child cannot both commit, whatever the application checked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);
  await sql`
    CREATE TABLE placements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      seq integer NOT NULL DEFAULT 0,
      kind text NOT NULL CHECK (kind IN ('home', 'kinship_care', 'entrusted_care', 'foster_family', 'rescue_station', 'protection_centre', 'welfare_home')),
      organisation_id uuid REFERENCES organisations(id),
      carer jsonb,
      legal_basis text NOT NULL CHECK (legal_basis IN ('emergency', 'temporary_state_guardianship', 'long_term_state_guardianship', 'voluntary')),
      guardianship_type text NOT NULL CHECK (guardianship_type IN ('parents', 'relative_guardian', 'entrusted_by_parents', 'state_temporary', 'state_long_term')),
      guardian_name text,
      guardian_organisation_id uuid REFERENCES organisations(id),
      reason text NOT NULL,
      handover jsonb NOT NULL,
      child_kinds text[] NOT NULL DEFAULT '{}',
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      case_id uuid REFERENCES cases(id),
      previous_id uuid REFERENCES placements(id),
      over_capacity_reason text,
      occupancy_at_start integer,
      beds_at_start integer,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT placements_end_after_start CHECK (ended_at IS NULL OR ended_at >= started_at),
      CONSTRAINT placements_institution_named CHECK (kind NOT IN ('rescue_station', 'protection_centre', 'welfare_home') OR organisation_id IS NOT NULL),
      CONSTRAINT placements_one_at_a_time EXCLUDE USING gist (child_id WITH =, tstzrange(started_at, ended_at, '[)') WITH &&)
    )`.execute(db);
  await sql`CREATE INDEX placements_current_child_idx ON placements (child_id) WHERE ended_at IS NULL`.execute(db);
  await sql`CREATE INDEX placements_current_org_idx ON placements (organisation_id, started_at) WHERE ended_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX placements_org_started_idx ON placements (organisation_id, started_at)`.execute(db);
  await sql`CREATE INDEX placements_previous_idx ON placements (previous_id) WHERE previous_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE placement_actions (
      id bigserial PRIMARY KEY,
      placement_id uuid NOT NULL REFERENCES placements(id),
      seq integer NOT NULL,
      type text NOT NULL,
      status_after text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id),
      accountable_user_id uuid REFERENCES users(id),
      actor_org_id uuid REFERENCES organisations(id),
      actor_label text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (placement_id, seq)
    )`.execute(db);
  await sql`CREATE INDEX placement_actions_status_idx ON placement_actions (status_after, placement_id)`.execute(db);
  await sql`
    CREATE FUNCTION placement_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'placement_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER placement_actions_append_only BEFORE UPDATE OR DELETE ON placement_actions
    FOR EACH ROW EXECUTE FUNCTION placement_actions_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE placement_actions, placements`.execute(db);
  await sql`DROP FUNCTION placement_actions_append_only()`.execute(db);
}
