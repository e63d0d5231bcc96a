import { type Kysely, sql } from 'kysely';

/**
 * Issue 17, households: siblings' cases are linked, so nobody handles half a family. One row per
 * pair (the smaller case id first), written when a report about siblings (or a case for a child of
 * a household) opens one case per child. Links are facts of the opening: append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE case_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      linked_case_id uuid NOT NULL REFERENCES cases(id),
      kind text NOT NULL CHECK (kind IN ('siblings')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (case_id < linked_case_id),
      UNIQUE (case_id, linked_case_id)
    )`.execute(db);
  await sql`CREATE INDEX case_links_linked_idx ON case_links (linked_case_id)`.execute(db);
  await sql`
    CREATE FUNCTION case_links_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'case_links is append-only'; END $$`.execute(db);
  await sql`
    CREATE TRIGGER case_links_append_only BEFORE UPDATE OR DELETE ON case_links
    FOR EACH ROW EXECUTE FUNCTION case_links_append_only()`.execute(db);
}
