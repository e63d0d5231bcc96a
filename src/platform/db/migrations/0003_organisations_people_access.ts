import { type Kysely, sql } from 'kysely';

/*
 * The built-in roles a fresh install received here when this migration was frozen (issue 13: the
 * users feature's builtinRoles of that day). Frozen: a later change to the roles is a migration of
 * its own (as 0011 adds rules.manage where it is missing).
 */
const frozenRoles: readonly { code: string; nameZh: string; nameEn: string; permissions: readonly string[] }[] = [
  {
    code: 'system_admin',
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    permissions: [
      'divisions.manage',
      'organisations.read',
      'organisations.manage',
      'users.read',
      'users.manage',
      'roles.manage',
      'tokens.manage',
      'rules.manage',
    ],
  },
  {
    code: 'civil_affairs_officer',
    nameZh: '民政干部',
    nameEn: 'Civil affairs officer',
    permissions: [
      'children.read',
      'children.write',
      'cases.read',
      'organisations.read',
      'children.unmask',
      'children.export',
      'children.import',
      'reports.receive',
      'cases.act',
      'cases.approve',
      'insight.aggregate',
      'users.read',
      'organisations.manage',
      'roles.approve',
    ],
  },
  {
    code: 'township_supervisor',
    nameZh: '乡镇儿童督导员',
    nameEn: 'Township child welfare supervisor',
    permissions: [
      'children.read',
      'children.write',
      'cases.read',
      'organisations.read',
      'children.export',
      'reports.receive',
      'reports.submit',
      'cases.act',
      'cases.approve',
      'insight.aggregate',
    ],
  },
  {
    code: 'village_director',
    nameZh: '村（居）儿童主任',
    nameEn: 'Village child welfare director',
    permissions: [
      'children.read',
      'children.write',
      'cases.read',
      'organisations.read',
      'reports.submit',
      'reports.receive',
    ],
  },
  {
    code: 'institution_staff',
    nameZh: '机构工作人员',
    nameEn: 'Institution staff',
    permissions: ['children.read', 'children.write', 'cases.read', 'organisations.read', 'reports.submit', 'cases.act'],
  },
  {
    code: 'police_officer',
    nameZh: '公安民警',
    nameEn: 'Police officer',
    permissions: [
      'children.read',
      'children.unmask',
      'cases.read',
      'cases.act',
      'reports.receive',
      'organisations.read',
    ],
  },
  {
    code: 'prosecutor',
    nameZh: '检察官',
    nameEn: 'Prosecutor',
    permissions: ['children.read', 'children.unmask', 'cases.read', 'organisations.read'],
  },
  {
    code: 'hotline_operator',
    nameZh: '热线接线员',
    nameEn: 'Hotline operator',
    permissions: ['children.read', 'reports.submit', 'organisations.read'],
  },
  {
    code: 'social_worker',
    nameZh: '社会工作者',
    nameEn: 'Social worker',
    permissions: ['children.read', 'cases.read', 'cases.act', 'reports.submit', 'organisations.read'],
  },
  {
    code: 'charity_coordinator',
    nameZh: '慈善/志愿服务协调员',
    nameEn: 'Charity and volunteer coordinator',
    permissions: ['children.read', 'cases.read', 'organisations.read'],
  },
  {
    code: 'mandated_reporter',
    nameZh: '强制报告责任人',
    nameEn: 'Mandated reporter',
    permissions: ['reports.submit'],
  },
  {
    code: 'analyst',
    nameZh: '统计分析员',
    nameEn: 'Analyst',
    permissions: ['insight.aggregate', 'organisations.read'],
  },
  {
    code: 'auditor',
    nameZh: '审计员',
    nameEn: 'Auditor',
    permissions: ['audit.read', 'audit.export', 'users.read', 'organisations.read'],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      short_name text,
      kind text NOT NULL,
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      parent_id uuid REFERENCES organisations(id),
      contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
      services text[] NOT NULL DEFAULT '{}',
      bed_capacity integer CHECK (bed_capacity IS NULL OR bed_capacity >= 0),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX organisations_division_idx ON organisations (division_code text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX organisations_kind_idx ON organisations (kind)`.execute(db);
  await sql`CREATE INDEX organisations_name_trgm ON organisations USING gin (name gin_trgm_ops)`.execute(db);

  // Which body leads child protection in a city or county (civil affairs, or since the 2024
  // amendment in some places the women-and-children work body): configuration, with history.
  await sql`
    CREATE TABLE lead_agencies (
      division_code text NOT NULL CHECK (division_code ~ '^[0-9]{12}$'),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      valid_from date NOT NULL DEFAULT current_date,
      valid_to date,
      note text,
      PRIMARY KEY (division_code, valid_from)
    )`.execute(db);

  await sql`
    CREATE TABLE roles (
      code text PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      permissions text[] NOT NULL,
      builtin boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  for (const role of frozenRoles) {
    await sql`INSERT INTO roles (code, name_zh, name_en, permissions, builtin) VALUES (${role.code}, ${role.nameZh}, ${role.nameEn}, ${[...role.permissions]}::text[], true)`.execute(
      db,
    );
  }

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      display_name text NOT NULL,
      phone text,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      jurisdiction_code text NOT NULL CHECK (jurisdiction_code ~ '^[0-9]{12}$'),
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      totp_last_step bigint,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled boolean NOT NULL DEFAULT false,
      preferences jsonb NOT NULL DEFAULT '{}'::jsonb,
      last_login_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX users_username_idx ON users (lower(username))`.execute(db);
  await sql`CREATE INDEX users_organisation_idx ON users (organisation_id)`.execute(db);

  await sql`
    CREATE TABLE user_roles (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role_code text NOT NULL REFERENCES roles(code),
      PRIMARY KEY (user_id, role_code)
    )`.execute(db);

  await sql`
    CREATE TABLE recovery_codes (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (user_id, code_hash)
    )`.execute(db);

  await sql`
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      mfa_passed boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      absolute_expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      jurisdiction_code text NOT NULL CHECK (jurisdiction_code ~ '^[0-9]{12}$'),
      scopes text[] NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);

  // Failed sign-ins by source address, for throttling that survives restarts and spans processes.
  await sql`
    CREATE TABLE login_failures (
      ip text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX login_failures_ip_idx ON login_failures (ip, at)`.execute(db);

  // The core of a child's file; the registry issue adds the rest. Here so access can be scoped.
  await sql`
    CREATE TABLE children (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      sex text CHECK (sex IN ('male', 'female')),
      birth_date date,
      id_number text,
      phone text,
      address text,
      residence_code text NOT NULL CHECK (residence_code ~ '^[0-9]{12}$'),
      hukou_code text CHECK (hukou_code ~ '^[0-9]{12}$'),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX children_residence_idx ON children (residence_code text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX children_hukou_idx ON children (hukou_code text_pattern_ops)`.execute(db);

  // How an organisation outside a child's jurisdiction takes part: an accepted referral, a
  // placement, an assignment. Later features add rows; access reads only this table.
  await sql`
    CREATE TABLE child_participations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      basis text NOT NULL,
      basis_id text,
      started_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX child_participations_active_idx ON child_participations (organisation_id, child_id) WHERE ended_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE child_participations, children, login_failures, api_tokens, sessions, recovery_codes, user_roles, users, roles, lead_agencies, organisations`.execute(
    db,
  );
}
