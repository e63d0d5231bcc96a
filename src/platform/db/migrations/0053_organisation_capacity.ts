import { type Kysely, sql } from 'kysely';

/**
 * Issue 19: a social organisation's capacity — its qualified social workers (licence level and
 * year) and what it declares (volunteers, counties it says it serves). Counties actually served
 * are derived from its work, not stored here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE social_worker_licences (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      person_name text NOT NULL,
      user_id uuid REFERENCES users(id),
      level text NOT NULL CHECK (level IN ('assistant', 'intermediate', 'senior')),
      licence_year integer NOT NULL CHECK (licence_year BETWEEN 2008 AND 2100),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX social_worker_licences_org_idx ON social_worker_licences (organisation_id)`.execute(db);
  await sql`
    CREATE TABLE organisation_capacity (
      organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
      staff integer NOT NULL DEFAULT 0 CHECK (staff >= 0),
      volunteers integer NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
      declared_counties text[] NOT NULL DEFAULT '{}',
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`UPDATE roles SET permissions = array_append(permissions, 'capacity.manage') WHERE builtin AND code IN ('social_worker', 'charity_coordinator') AND NOT ('capacity.manage' = ANY (permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'capacity.manage') WHERE builtin`.execute(db);
  await sql`DROP TABLE organisation_capacity`.execute(db);
  await sql`DROP TABLE social_worker_licences`.execute(db);
}
