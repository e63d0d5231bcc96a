import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: benefit applications (分类保障 in money) as a workflow: the application (received on a
 * date staff enter, by whom, with which documents) and its append-only log. Status is the fold of
 * the log; the newest entry's status_after is indexed for lists and the one-open-application rule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE benefit_application_no_seq`.execute(db);
  await sql`
    CREATE TABLE benefit_applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_no text NOT NULL UNIQUE,
      child_id uuid NOT NULL REFERENCES children(id),
      benefit_type text NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      received_on date NOT NULL,
      applicant_kind text NOT NULL CHECK (applicant_kind IN ('guardian', 'relative', 'village_committee')),
      applicant_name text NOT NULL,
      applicant_relation text,
      documents text[] NOT NULL DEFAULT '{}',
      rules_version text NOT NULL,
      status text NOT NULL DEFAULT 'received',
      seq integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_org_id uuid REFERENCES organisations(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX benefit_applications_child_idx ON benefit_applications (child_id, benefit_type)`.execute(db);
  await sql`CREATE INDEX benefit_applications_division_idx ON benefit_applications (division_code text_pattern_ops)`.execute(
    db,
  );
  // At most one open application per child and benefit; a second one is a 409 naming the first.
  await sql`
    CREATE UNIQUE INDEX benefit_applications_one_open_idx ON benefit_applications (child_id, benefit_type)
    WHERE status IN ('received', 'verifying', 'verified')`.execute(db);
  await sql`
    CREATE TABLE benefit_application_actions (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES benefit_applications(id),
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
      UNIQUE (application_id, seq)
    )`.execute(db);
  await sql`
    CREATE FUNCTION benefit_application_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'benefit_application_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER benefit_application_actions_append_only BEFORE UPDATE OR DELETE ON benefit_application_actions
    FOR EACH ROW EXECUTE FUNCTION benefit_application_actions_append_only()`.execute(db);
  // The status column mirrors the log's newest status_after (kept by this trigger, never by code).
  await sql`
    CREATE FUNCTION benefit_application_status_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE benefit_applications SET status = NEW.status_after WHERE id = NEW.application_id;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER benefit_application_status_follow AFTER INSERT ON benefit_application_actions
    FOR EACH ROW EXECUTE FUNCTION benefit_application_status_follow()`.execute(db);
  for (const [code, permissions] of [
    ['system_admin', []],
    [
      'civil_affairs_officer',
      ['benefits.read', 'benefits.apply', 'benefits.verify', 'benefits.decide', 'children.exit'],
    ],
    ['township_supervisor', ['benefits.read', 'benefits.apply', 'benefits.verify']],
    ['village_director', ['benefits.read', 'benefits.apply']],
  ] as const)
    for (const permission of permissions)
      await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE code = ${code} AND builtin AND NOT (${permission} = ANY (permissions))`.execute(
        db,
      );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const permission of ['benefits.read', 'benefits.apply', 'benefits.verify', 'benefits.decide', 'children.exit'])
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
  await sql`DROP TABLE benefit_application_actions`.execute(db);
  await sql`DROP FUNCTION benefit_application_actions_append_only`.execute(db);
  await sql`DROP FUNCTION benefit_application_status_follow`.execute(db);
  await sql`DROP TABLE benefit_applications`.execute(db);
  await sql`DROP SEQUENCE benefit_application_no_seq`.execute(db);
}
