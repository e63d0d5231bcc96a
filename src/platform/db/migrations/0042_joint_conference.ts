import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: the joint conference (联席会议) of a city or county. Members beyond the default ones
 * (the lead agency and the government departments of the place) are rows the lead agency adds;
 * meetings carry a version (stale edits are refused) and a status planned → held → minutes
 * approved; the agenda lists what escalated to the conference (each item keyed by its source, so
 * building the agenda twice adds nothing) and free items; attendance is per member department;
 * decisions are action items with an owner department, a due date and their own clock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE conference_members (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      division_code text NOT NULL,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      added_by uuid REFERENCES users(id),
      added_at timestamptz NOT NULL,
      removed_at timestamptz
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX conference_members_one_active ON conference_members (division_code, organisation_id)
    WHERE removed_at IS NULL`.execute(db);
  await sql`
    CREATE TABLE conference_meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      division_code text NOT NULL,
      level text NOT NULL CHECK (level IN ('city', 'county')),
      title text NOT NULL,
      meets_on date NOT NULL,
      place text NOT NULL,
      chair text NOT NULL,
      convener_org_id uuid REFERENCES organisations(id),
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'minutes_approved')),
      summary text,
      held_at timestamptz,
      minutes_approved_at timestamptz,
      minutes_approved_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX conference_meetings_division_idx ON conference_meetings (division_code, meets_on DESC)`.execute(
    db,
  );
  await sql`
    CREATE TABLE conference_agenda_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES conference_meetings(id),
      position integer NOT NULL,
      source text NOT NULL,
      source_key text,
      facts jsonb NOT NULL DEFAULT '{}',
      title text,
      detail text,
      added_by uuid REFERENCES users(id),
      added_at timestamptz NOT NULL,
      UNIQUE (meeting_id, position)
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX conference_agenda_items_source ON conference_agenda_items (meeting_id, source_key)
    WHERE source_key IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE conference_attendance (
      meeting_id uuid NOT NULL REFERENCES conference_meetings(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      attendance text NOT NULL CHECK (attendance IN ('present', 'delegate', 'absent')),
      delegate_name text,
      PRIMARY KEY (meeting_id, organisation_id)
    )`.execute(db);
  await sql`
    CREATE TABLE conference_action_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES conference_meetings(id),
      agenda_item_id uuid REFERENCES conference_agenda_items(id),
      division_code text NOT NULL,
      title text NOT NULL,
      detail text,
      owner_org_id uuid NOT NULL REFERENCES organisations(id),
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
      note text,
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX conference_action_items_meeting_idx ON conference_action_items (meeting_id)`.execute(db);
  await sql`
    CREATE INDEX conference_action_items_open_idx ON conference_action_items (owner_org_id, due_on)
    WHERE status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'conference_action_items',
    'conference_attendance',
    'conference_agenda_items',
    'conference_meetings',
    'conference_members',
  ])
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
}
