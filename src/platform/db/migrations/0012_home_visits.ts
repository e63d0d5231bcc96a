import { type Kysely, sql } from 'kysely';

/**
 * Home follow-up visits (入户随访, DOMAIN.md §8): the national form's fields plus what Haven adds —
 * a risk grade and the next visit's due date. Created now so the registry is shaped and measured
 * with a million visits (issue 6); the visits workflow itself (API, due-visit lists) builds on it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE home_visits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      visited_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('first', 'routine', 'screening', 'follow_up', 'return_home')),
      visitor_user_id uuid REFERENCES users(id),
      visitor_name text NOT NULL,
      organisation_id uuid REFERENCES organisations(id),
      respondent_name text,
      respondent_relation text,
      last_parent_contact_on date,
      schooling text,
      key_attention boolean NOT NULL DEFAULT false,
      findings jsonb NOT NULL DEFAULT '{}'::jsonb,
      suggestions text,
      risk_grade text CHECK (risk_grade IN ('low', 'medium_low', 'medium_high', 'high')),
      next_due_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      CHECK (next_due_on IS NULL OR next_due_on >= visited_on)
    )`.execute(db);
  await sql`CREATE INDEX home_visits_child_idx ON home_visits (child_id, visited_on DESC)`.execute(db);
  await sql`CREATE INDEX home_visits_org_idx ON home_visits (organisation_id, visited_on DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE home_visits`.execute(db);
}
