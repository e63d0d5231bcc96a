import { type Kysely, sql } from 'kysely';

/**
 * The four-step workflow: reports with their recipients, cases whose status is a fold over an
 * append-only action log (invariant 3), clocks as rows with escalation alerts (invariant 4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE report_ref_seq`.execute(db);
  await sql`CREATE SEQUENCE case_no_seq`.execute(db);

  // The reporter's identity lives in `reporter` and is shown only to recipients that need it.
  await sql`
    CREATE TABLE reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref_no text NOT NULL UNIQUE,
      -- The serial in the reference number; a column default so backup/restore carries the sequence on.
      serial bigint NOT NULL DEFAULT nextval('report_ref_seq'),
      follow_up_hash text,
      channel text NOT NULL CHECK (channel IN ('hotline', 'mandated', 'public', 'staff')),
      hotline_line text CHECK (hotline_line IN ('12338', '12355', '12345', '110')),
      situations smallint[] NOT NULL,
      description text NOT NULL,
      child_id uuid REFERENCES children(id),
      unknown_child text,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      address text,
      immediate_danger boolean NOT NULL,
      reporter jsonb NOT NULL DEFAULT '{}',
      reporter_user_id uuid REFERENCES users(id),
      reporter_org_id uuid REFERENCES organisations(id),
      knew_at timestamptz,
      reported_at timestamptz NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      case_id uuid,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (knew_at IS NULL OR knew_at <= reported_at)
    )`.execute(db);
  await sql`ALTER SEQUENCE report_ref_seq OWNED BY reports.serial`.execute(db);
  await sql`CREATE INDEX reports_child_idx ON reports (child_id) WHERE child_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX reports_case_idx ON reports (case_id) WHERE case_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX reports_reporter_user_idx ON reports (reporter_user_id) WHERE reporter_user_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX reports_created_by_idx ON reports (created_by) WHERE created_by IS NOT NULL`.execute(db);
  await sql`CREATE INDEX reports_compliance_idx ON reports (reporter_org_id, reported_at) WHERE channel = 'mandated'`.execute(
    db,
  );
  await sql`CREATE INDEX reports_division_idx ON reports (division_code text_pattern_ops, reported_at)`.execute(db);

  await sql`
    CREATE TABLE report_recipients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES reports(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      role text NOT NULL CHECK (role IN ('police', 'civil_affairs', 'education', 'township', 'village')),
      sees_reporter boolean NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (report_id, organisation_id)
    )`.execute(db);
  await sql`CREATE INDEX report_recipients_open_idx ON report_recipients (organisation_id, created_at) WHERE acknowledged_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX report_recipients_org_idx ON report_recipients (organisation_id, report_id)`.execute(db);

  // `seq` is the number of the last action: the case's version, and with case_actions its status.
  await sql`
    CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_no text NOT NULL UNIQUE,
      serial bigint NOT NULL DEFAULT nextval('case_no_seq'),
      child_id uuid NOT NULL REFERENCES children(id),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      lead_org_id uuid NOT NULL REFERENCES organisations(id),
      manager_user_id uuid REFERENCES users(id),
      seq integer NOT NULL DEFAULT 0,
      opened_at timestamptz NOT NULL,
      opened_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`ALTER SEQUENCE case_no_seq OWNED BY cases.serial`.execute(db);
  await sql`CREATE INDEX cases_child_idx ON cases (child_id)`.execute(db);
  await sql`CREATE INDEX cases_lead_idx ON cases (lead_org_id)`.execute(db);
  await sql`CREATE INDEX cases_division_idx ON cases (division_code text_pattern_ops)`.execute(db);
  await sql`ALTER TABLE reports ADD CONSTRAINT reports_case_fk FOREIGN KEY (case_id) REFERENCES cases(id)`.execute(db);

  await sql`
    CREATE TABLE case_actions (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      seq integer NOT NULL,
      type text NOT NULL,
      status_after text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id),
      actor_org_id uuid REFERENCES organisations(id),
      actor_label text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, seq)
    )`.execute(db);
  await sql`CREATE INDEX case_actions_status_idx ON case_actions (status_after, case_id)`.execute(db);
  await sql`
    CREATE FUNCTION case_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'case_actions is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER case_actions_append_only BEFORE UPDATE OR DELETE ON case_actions
    FOR EACH ROW EXECUTE FUNCTION case_actions_append_only()`.execute(db);

  await sql`
    CREATE TABLE case_organisations (
      case_id uuid NOT NULL REFERENCES cases(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      role text NOT NULL CHECK (role IN ('lead', 'participant')),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, organisation_id)
    )`.execute(db);
  await sql`CREATE INDEX case_organisations_org_idx ON case_organisations (organisation_id)`.execute(db);

  // Invariant 4. `next_escalation_at` is the moment the next alert is due, so the sweep reads
  // an index range instead of scanning every clock.
  await sql`
    CREATE TABLE clocks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      rule text NOT NULL,
      owner_org_id uuid NOT NULL REFERENCES organisations(id),
      owner_user_id uuid REFERENCES users(id),
      subject_type text NOT NULL CHECK (subject_type IN ('report_recipient', 'case')),
      subject_id uuid NOT NULL,
      case_id uuid REFERENCES cases(id),
      report_id uuid REFERENCES reports(id),
      child_id uuid REFERENCES children(id),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      started_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      provisional boolean NOT NULL DEFAULT false,
      state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'met', 'missed', 'paused')),
      stopped_at timestamptz,
      stopped_by_seq integer,
      paused_at timestamptz,
      pause_reason text,
      escalation_hours integer[] NOT NULL,
      escalation_level smallint NOT NULL DEFAULT 0,
      next_escalation_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (state IN ('running', 'paused') OR stopped_at IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX clocks_escalation_idx ON clocks (next_escalation_at) WHERE next_escalation_at IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX clocks_owner_open_idx ON clocks (owner_org_id, due_at) WHERE state = 'running'`.execute(db);
  await sql`CREATE INDEX clocks_owner_user_open_idx ON clocks (owner_user_id, due_at) WHERE state = 'running' AND owner_user_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX clocks_case_idx ON clocks (case_id) WHERE case_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX clocks_case_running_idx ON clocks (case_id, due_at) WHERE state = 'running' AND case_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX clocks_report_idx ON clocks (report_id) WHERE report_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX clocks_subject_idx ON clocks (subject_id, rule)`.execute(db);

  // Alerts are written in bulk by the sweep (millions when a backlog is replayed); foreign keys
  // would add two row-lock lookups per alert, so the sweep's own joins vouch for the references.
  await sql`
    CREATE TABLE alerts (
      id bigserial PRIMARY KEY,
      clock_id uuid NOT NULL,
      level smallint NOT NULL,
      target text NOT NULL CHECK (target IN ('owner', 'director', 'supervisor', 'civil_affairs', 'joint_conference')),
      recipient_org_id uuid,
      recipient_user_id uuid,
      recipient_role text,
      division_code text NOT NULL,
      due_at timestamptz NOT NULL,
      raised_at timestamptz NOT NULL,
      swept_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (clock_id, level)
    )`.execute(db);
  await sql`CREATE INDEX alerts_recipient_idx ON alerts (recipient_org_id, raised_at DESC)`.execute(db);
  await sql`CREATE INDEX alerts_user_idx ON alerts (recipient_user_id, raised_at DESC) WHERE recipient_user_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX alerts_role_idx ON alerts (recipient_role, division_code) WHERE recipient_org_id IS NULL`.execute(
    db,
  );

  // Built-in roles gained permissions for this workflow (builtin-roles.ts); existing rows follow.
  // Village committees receive reports about their village and must acknowledge them.
  await sql`UPDATE roles SET permissions = array_append(permissions, 'reports.receive') WHERE code = 'village_director' AND builtin AND NOT ('reports.receive' = ANY(permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE alerts, clocks, case_organisations, case_actions`.execute(db);
  await sql`ALTER TABLE reports DROP CONSTRAINT reports_case_fk`.execute(db);
  await sql`DROP TABLE cases, report_recipients, reports`.execute(db);
  await sql`DROP FUNCTION case_actions_append_only()`.execute(db);
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'reports.receive') WHERE code = 'village_director' AND builtin`.execute(
    db,
  );
}
