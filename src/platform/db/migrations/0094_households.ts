import { type Kysely, sql } from 'kysely';

/**
 * Issue 17, households: siblings linked as one household (never merged: each keeps its own file),
 * from a proposal a person reviewed (same guardian, same place) or an officer's own judgement; the
 * membership is dated, so a child who leaves keeps the history. A proposal judged "not one family"
 * is remembered and not proposed again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE households (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      residence_code text NOT NULL CHECK (residence_code ~ '^[0-9]{12}$'),
      basis text NOT NULL CHECK (basis IN ('proposal', 'officer')),
      note text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE household_children (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      household_id uuid NOT NULL REFERENCES households(id),
      child_id uuid NOT NULL REFERENCES children(id),
      from_at timestamptz NOT NULL,
      to_at timestamptz,
      ended_reason text,
      recorded_by uuid REFERENCES users(id),
      CHECK (to_at IS NULL OR to_at >= from_at)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX household_children_current ON household_children (child_id) WHERE to_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX household_children_household_idx ON household_children (household_id) WHERE to_at IS NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE household_link_decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_ids uuid[] NOT NULL CHECK (cardinality(child_ids) >= 2),
      decision text NOT NULL CHECK (decision IN ('declined')),
      reason text NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX household_link_decisions_children ON household_link_decisions (child_ids)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE household_link_decisions`.execute(db);
  await sql`DROP TABLE household_children`.execute(db);
  await sql`DROP TABLE households`.execute(db);
}
