import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: incident records (kind of harm, date, place, the perpetrator's relation, the child's
 * part) linked to the child and optionally a case. Seen only by those working the child's case;
 * the juvenile victim/offender flags of a case are derived from them, never stored.
 */
const grants: [string, string[]][] = [
  [
    'incidents.read',
    [
      'civil_affairs_officer',
      'township_supervisor',
      'police_officer',
      'prosecutor',
      'social_worker',
      'institution_staff',
    ],
  ],
  [
    'incidents.record',
    ['civil_affairs_officer', 'township_supervisor', 'police_officer', 'prosecutor', 'social_worker'],
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incidents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      case_id uuid REFERENCES cases(id),
      harm_kind text NOT NULL,
      occurred_on date NOT NULL,
      place text NOT NULL,
      perpetrator_relation text NOT NULL,
      child_role text NOT NULL CHECK (child_role IN ('victim', 'offender', 'witness')),
      description text,
      recorded_by_user_id uuid REFERENCES users(id),
      recorded_by_org_id uuid REFERENCES organisations(id),
      recorded_label text NOT NULL,
      recorded_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX incidents_child_idx ON incidents (child_id, occurred_on DESC)`.execute(db);
  await sql`CREATE INDEX incidents_case_idx ON incidents (case_id) WHERE case_id IS NOT NULL`.execute(db);
  for (const [permission, roles] of grants)
    await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE builtin AND code IN (${sql.join(roles)}) AND NOT (${permission} = ANY (permissions))`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [permission] of grants)
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
  await sql`DROP TABLE incidents`.execute(db);
}
