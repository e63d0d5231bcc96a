import { type Kysely, sql } from 'kysely';

/**
 * Issue 17, entrusted care (委托照护): the adult parents working away entrust a left-behind child to,
 * the written notice of it to the school and the village committee, the carer's capacity, and the
 * parents' contacts with the child (at least weekly, a clock on the care). One current care per child;
 * contacts are append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE entrusted_care (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      carer_name text NOT NULL,
      carer_relation text NOT NULL,
      carer_phone text,
      capacity text NOT NULL CHECK (capacity IN ('capable', 'limited', 'incapable')),
      capacity_note text,
      started_on date NOT NULL,
      notice_school_on date,
      notice_village_on date,
      ended_on date,
      ended_reason text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ended_on IS NULL OR ended_on >= started_on),
      CHECK ((ended_on IS NULL) = (ended_reason IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX entrusted_care_current ON entrusted_care (child_id) WHERE ended_on IS NULL`.execute(db);
  await sql`
    CREATE TABLE entrusted_care_contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      care_id uuid NOT NULL REFERENCES entrusted_care(id),
      child_id uuid NOT NULL REFERENCES children(id),
      contacted_on date NOT NULL,
      parent text NOT NULL CHECK (parent IN ('father', 'mother', 'both')),
      channel text NOT NULL CHECK (channel IN ('phone', 'video', 'in_person', 'other')),
      note text,
      recorded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX entrusted_care_contacts_care_idx ON entrusted_care_contacts (care_id, contacted_on DESC)`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION entrusted_care_contacts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'entrusted_care_contacts is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER entrusted_care_contacts_append_only BEFORE UPDATE OR DELETE ON entrusted_care_contacts
    FOR EACH ROW EXECUTE FUNCTION entrusted_care_contacts_append_only()`.execute(db);
  // Widen the clocks' subject check by what it allows now (other migrations may have widened it too).
  await sql`
    DO $$
    DECLARE def text;
    BEGIN
      SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conname = 'clocks_subject_type_check';
      ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check;
      EXECUTE 'ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check '
        || regexp_replace(def, '\\]\\)+$', '')
        || ', ''entrusted_care''::text])))';
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM clocks WHERE subject_type = 'entrusted_care'`.execute(db);
  await sql`
    DO $$
    DECLARE def text;
    BEGIN
      SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conname = 'clocks_subject_type_check';
      ALTER TABLE clocks DROP CONSTRAINT clocks_subject_type_check;
      EXECUTE 'ALTER TABLE clocks ADD CONSTRAINT clocks_subject_type_check '
        || replace(def, ', ''entrusted_care''::text', '');
    END $$`.execute(db);
  await sql`DROP TABLE entrusted_care_contacts`.execute(db);
  await sql`DROP FUNCTION entrusted_care_contacts_append_only()`.execute(db);
  await sql`DROP TABLE entrusted_care`.execute(db);
}
