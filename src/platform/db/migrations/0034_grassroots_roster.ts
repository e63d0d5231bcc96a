import { type Kysely, sql } from 'kysely';

/**
 * Issue 17: the real-name roster of village child welfare directors and township supervisors, the
 * places each covers over time (appointment history) and the responsible director of each child
 * (assignments, with the reason each began and ended). New permissions join the built-in roles.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE grassroots_staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post text NOT NULL CHECK (post IN ('village_director', 'township_supervisor')),
      name text NOT NULL,
      user_id uuid REFERENCES users(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      phone text,
      employment text NOT NULL CHECK (employment IN ('full_time', 'part_time')),
      other_duties text,
      training_hours numeric(7, 1) NOT NULL DEFAULT 0 CHECK (training_hours >= 0),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
      appointed_on date NOT NULL,
      removed_on date,
      removal_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      CHECK ((status = 'removed') = (removed_on IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX grassroots_staff_active_user_idx ON grassroots_staff (user_id, post) WHERE status = 'active' AND user_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX grassroots_staff_division_idx ON grassroots_staff (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`
    CREATE TABLE grassroots_postings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      staff_id uuid NOT NULL REFERENCES grassroots_staff(id),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      from_on date NOT NULL,
      to_on date,
      reason text,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (to_on IS NULL OR to_on >= from_on)
    )`.execute(db);
  await sql`CREATE INDEX grassroots_postings_open_idx ON grassroots_postings (division_code) WHERE to_on IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX grassroots_postings_staff_idx ON grassroots_postings (staff_id, from_on)`.execute(db);
  await sql`
    CREATE TABLE child_assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      staff_id uuid NOT NULL REFERENCES grassroots_staff(id),
      from_at timestamptz NOT NULL,
      to_at timestamptz,
      reason text NOT NULL CHECK (reason IN ('residence_village', 'reassigned', 'director_removed')),
      note text,
      ended_reason text CHECK (ended_reason IN ('reassigned', 'director_removed', 'moved')),
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((to_at IS NULL) = (ended_reason IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX child_assignments_current_idx ON child_assignments (child_id) WHERE to_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX child_assignments_staff_idx ON child_assignments (staff_id) WHERE to_at IS NULL`.execute(db);
  await sql`CREATE INDEX child_assignments_child_idx ON child_assignments (child_id, from_at)`.execute(db);
  for (const [permission, roles] of [
    ['roster.read', ['civil_affairs_officer', 'township_supervisor']],
    ['roster.manage', ['civil_affairs_officer']],
    ['visits.record', ['civil_affairs_officer', 'township_supervisor', 'village_director']],
  ] as const)
    await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE builtin AND code IN (${sql.join(
      [...roles],
    )}) AND NOT (${permission} = ANY (permissions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const permission of ['roster.read', 'roster.manage', 'visits.record'])
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
  await sql`DROP TABLE child_assignments`.execute(db);
  await sql`DROP TABLE grassroots_postings`.execute(db);
  await sql`DROP TABLE grassroots_staff`.execute(db);
}
