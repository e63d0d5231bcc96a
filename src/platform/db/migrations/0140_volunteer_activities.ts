import { type Kysely, sql } from 'kysely';

/**
 * Issue 19, volunteers matched to activities: a group event an organisation holds (title, day, the
 * division where it is held, skills wanted, places, the children's ages), optionally as part of a
 * purchased-service project it provides. Volunteers are matched to it once each; the hours each
 * served are recorded after the day. A project counts the hours through its own ledger
 * (`project_volunteer_hours`, written only by the projects feature), inside its period and area.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE volunteer_activities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      project_id uuid REFERENCES projects(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      held_on date NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      place text,
      skills text[] NOT NULL DEFAULT '{}',
      places integer NOT NULL CHECK (places BETWEEN 1 AND 500),
      age_from integer CHECK (age_from BETWEEN 0 AND 18),
      age_to integer CHECK (age_to BETWEEN 0 AND 18),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (age_from IS NULL OR age_to IS NULL OR age_from <= age_to)
    )`.execute(db);
  await sql`CREATE INDEX volunteer_activities_org_idx ON volunteer_activities (organisation_id, held_on)`.execute(db);
  await sql`
    CREATE TABLE activity_volunteers (
      activity_id uuid NOT NULL REFERENCES volunteer_activities(id),
      volunteer_id uuid NOT NULL REFERENCES volunteers(id),
      matched_at timestamptz NOT NULL,
      matched_by uuid REFERENCES users(id),
      hours integer CHECK (hours BETWEEN 1 AND 24),
      hours_recorded_at timestamptz,
      PRIMARY KEY (activity_id, volunteer_id)
    )`.execute(db);
  await sql`CREATE INDEX activity_volunteers_volunteer_idx ON activity_volunteers (volunteer_id)`.execute(db);
  await sql`
    CREATE TABLE project_volunteer_hours (
      project_id uuid NOT NULL REFERENCES projects(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      activity_id uuid NOT NULL,
      volunteer_id uuid NOT NULL,
      held_on date NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 24),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (activity_id, volunteer_id)
    )`.execute(db);
  await sql`CREATE INDEX project_volunteer_hours_project_idx ON project_volunteer_hours (project_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE project_volunteer_hours`.execute(db);
  await sql`DROP TABLE activity_volunteers`.execute(db);
  await sql`DROP TABLE volunteer_activities`.execute(db);
}
