import { type Kysely, sql } from 'kysely';

/**
 * Issue 19: purchased services (政府购买服务). A project is a contract between a purchasing
 * organisation and a provider (period, area, budget in fen, payment schedule, services in scope),
 * with indicators whose values are computed from recorded work, posts, payments and evaluations.
 * `service_sessions` is work a provider's people record (counselling, family education, training).
 * Amounts are integers in fen (bigint), never floats.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE projects (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      contract_number text,
      purchaser_org_id uuid NOT NULL REFERENCES organisations(id),
      provider_org_id uuid NOT NULL REFERENCES organisations(id),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      area_codes text[] NOT NULL CHECK (cardinality(area_codes) > 0),
      services text[] NOT NULL DEFAULT '{}',
      budget_fen bigint NOT NULL CHECK (budget_fen >= 0),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      CHECK (purchaser_org_id <> provider_org_id)
    )`.execute(db);
  await sql`CREATE INDEX projects_provider_idx ON projects (provider_org_id)`.execute(db);
  await sql`CREATE INDEX projects_purchaser_idx ON projects (purchaser_org_id)`.execute(db);
  await sql`
    CREATE TABLE project_indicators (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id),
      kind text NOT NULL,
      target integer NOT NULL CHECK (target >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, kind)
    )`.execute(db);
  await sql`
    CREATE TABLE project_payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id),
      instalment integer NOT NULL CHECK (instalment >= 1),
      due_on date NOT NULL,
      planned_fen bigint NOT NULL CHECK (planned_fen >= 0),
      paid_fen bigint CHECK (paid_fen >= 0),
      paid_on date,
      voucher text,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, instalment),
      CHECK ((paid_fen IS NULL) = (paid_on IS NULL))
    )`.execute(db);
  await sql`
    CREATE TABLE project_posts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id),
      person_name text NOT NULL,
      user_id uuid REFERENCES users(id),
      host_org_id uuid NOT NULL REFERENCES organisations(id),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on)
    )`.execute(db);
  await sql`
    CREATE TABLE project_evaluations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id),
      stage text NOT NULL CHECK (stage IN ('mid_term', 'final')),
      evaluated_on date NOT NULL,
      indicators jsonb NOT NULL,
      findings text NOT NULL,
      evaluator_user_id uuid REFERENCES users(id),
      reply text,
      replied_at timestamptz,
      replied_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, stage)
    )`.execute(db);
  await sql`
    CREATE TABLE service_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      recorded_by uuid REFERENCES users(id),
      worker_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('counselling', 'family_education', 'group_activity', 'training')),
      child_id uuid REFERENCES children(id),
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      held_on date NOT NULL,
      minutes integer NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
      attendees integer NOT NULL DEFAULT 1 CHECK (attendees >= 1),
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX service_sessions_org_idx ON service_sessions (organisation_id, held_on)`.execute(db);
  await sql`CREATE INDEX service_sessions_child_idx ON service_sessions (child_id)`.execute(db);
  for (const [permission, roles] of [
    ['projects.read', ['civil_affairs_officer', 'social_worker', 'charity_coordinator', 'analyst']],
    ['projects.manage', ['civil_affairs_officer']],
    ['projects.deliver', ['social_worker', 'charity_coordinator']],
    ['visits.record', ['social_worker']],
  ] as const)
    await sql`UPDATE roles SET permissions = array_append(permissions, ${permission}) WHERE builtin AND code IN (${sql.join(
      [...roles],
    )}) AND NOT (${permission} = ANY (permissions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const permission of ['projects.read', 'projects.manage', 'projects.deliver'])
    await sql`UPDATE roles SET permissions = array_remove(permissions, ${permission}) WHERE builtin`.execute(db);
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'visits.record') WHERE builtin AND code = 'social_worker'`.execute(
    db,
  );
  for (const table of [
    'service_sessions',
    'project_evaluations',
    'project_posts',
    'project_payments',
    'project_indicators',
    'projects',
  ])
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
}
