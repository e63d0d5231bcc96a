import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RolesTable {
  code: string;
  name_zh: string;
  name_en: string;
  permissions: string[];
  builtin: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  phone: string | null;
  organisation_id: string;
  jurisdiction_code: string;
  password_hash: string;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  totp_secret: string | null;
  totp_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  preferences: ColumnType<Record<string, unknown>, string | undefined, string>;
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  role_code: string;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_passed: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  last_seen_at: Timestamp;
  absolute_expires_at: ColumnType<Date, Date | string, Date | string>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  organisation_id: string;
  jurisdiction_code: string;
  scopes: string[];
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The token this one was minted with; revoking that one revokes this one. */
  parent_token_id: string | null;
  can_mint: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RoleGrantRequestsTable {
  id: Generated<string>;
  user_id: string;
  role_code: string;
  status: ColumnType<
    'pending' | 'approved' | 'rejected' | 'withdrawn',
    'pending' | undefined,
    'approved' | 'rejected' | 'withdrawn'
  >;
  requested_by: string | null;
  requested_by_label: string;
  requested_at: ColumnType<Date, Date | string | undefined, never>;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface LoginFailuresTable {
  ip: string;
  at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    roles: RolesTable;
    users: UsersTable;
    user_roles: UserRolesTable;
    recovery_codes: RecoveryCodesTable;
    sessions: SessionsTable;
    api_tokens: ApiTokensTable;
    role_grant_requests: RoleGrantRequestsTable;
    login_failures: LoginFailuresTable;
  }
}
