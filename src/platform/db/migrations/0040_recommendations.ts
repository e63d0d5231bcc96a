import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: procuratorial recommendations (检察建议). A recommendation is a subject with an
 * append-only log (the workflow engine folds its status); it is addressed to a unit and only
 * optionally about a child, so `child_id` may be empty. Prosecutors issue; the units that may be
 * addressed (civil affairs, townships, villages, institutions, police, schools) reply.
 */
const grants: [string, string[]][] = [
  [
    'recommendations.read',
    [
      'prosecutor',
      'civil_affairs_officer',
      'township_supervisor',
      'village_director',
      'institution_staff',
      'police_officer',
      'mandated_reporter',
    ],
  ],
  ['recommendations.issue', ['prosecutor']],
  [
    'recommendations.reply',
    [
      'civil_affairs_officer',
      'township_supervisor',
      'village_director',
      'institution_staff',
      'police_officer',
      'mandated_reporter',
    ],
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE recommendations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reference text,
      from_org_id uuid NOT NULL REFERENCES organisations(id),
      to_org_id uuid NOT NULL REFERENCES organisations(id),
      child_id uuid REFERENCES children(id),
      case_id uuid REFERENCES cases(id),
      facts text NOT NULL,
      recommends text NOT NULL,
      division_code text NOT NULL,
      seq integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK (from_org_id <> to_org_id),
      CHECK (case_id IS NULL OR child_id IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX recommendations_to_idx ON recommendations (to_org_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX recommendations_from_idx ON recommendations (from_org_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX recommendations_child_idx ON recommendations (child_id) WHERE child_id IS NOT NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE recommendation_actions (
      id bigserial PRIMARY KEY,
      recommendation_id uuid NOT NULL REFERENCES recommendations(id),
      seq integer NOT NULL,
      type text NOT NULL,
      status_after text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id),
      accountable_user_id uuid REFERENCES users(id),
      actor_org_id uuid REFERENCES organisations(id),
      actor_label text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (recommendation_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION recommendation_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'recommendation_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER recommendation_actions_append_only BEFORE UPDATE OR DELETE ON recommendation_actions
    FOR EACH ROW EXECUTE FUNCTION recommendation_actions_append_only()`.execute(db);
  for (const [permission, roles] of grants)
    await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE builtin AND code IN (${sql.join(roles)}) AND NOT (${permission} = ANY (permissions))`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [permission] of grants)
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
  await sql`DROP TABLE recommendation_actions, recommendations`.execute(db);
  await sql`DROP FUNCTION recommendation_actions_append_only()`.execute(db);
}
