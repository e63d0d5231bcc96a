import { type Kysely, sql } from 'kysely';

/** What the organisations feature relies on beyond 0003: one open lead period per division, sane periods, hierarchy lookups. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organisations ADD CONSTRAINT organisations_contacts_array CHECK (jsonb_typeof(contacts) = 'array')`.execute(
    db,
  );
  await sql`CREATE INDEX organisations_parent_idx ON organisations (parent_id) WHERE parent_id IS NOT NULL`.execute(db);
  await sql`ALTER TABLE lead_agencies ADD CONSTRAINT lead_agencies_period CHECK (valid_to IS NULL OR valid_to > valid_from)`.execute(
    db,
  );
  // Two open periods would make "who leads here" ambiguous; periods are closed, never overlapped.
  await sql`CREATE UNIQUE INDEX lead_agencies_open_idx ON lead_agencies (division_code) WHERE valid_to IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX lead_agencies_organisation_idx ON lead_agencies (organisation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX lead_agencies_organisation_idx, lead_agencies_open_idx, organisations_parent_idx`.execute(db);
  await sql`ALTER TABLE lead_agencies DROP CONSTRAINT lead_agencies_period`.execute(db);
  await sql`ALTER TABLE organisations DROP CONSTRAINT organisations_contacts_array`.execute(db);
}
