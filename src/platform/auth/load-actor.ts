import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { childDataPermissions, type Permission } from '../access/permissions.js';
import type { Database } from '../db/schema.js';
import type { Locale } from '../i18n/locale.js';
import { organisationKinds } from '../../contract/organisations/kinds.js';

/** Government bodies see the children of their area; others see a child by taking part in its case. */
export function seesChildrenByPlace(kind: string): boolean {
  return (
    kind in organisationKinds && organisationKinds[kind as keyof typeof organisationKinds].subject === 'government'
  );
}

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  jurisdictionCode: string;
  roles: string[];
  permissions: Set<string>;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  disabled: boolean;
  preferences: Record<string, unknown>;
}

export async function loadUserAccount(db: Kysely<Database>, userId: string): Promise<UserAccount | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.organisation_id',
      'organisations.name as organisation_name',
      'organisations.kind as organisation_kind',
      'users.jurisdiction_code',
      'users.must_change_password',
      'users.totp_enabled',
      'users.disabled',
      'users.preferences',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.code', 'user_roles.role_code')
    .select(['roles.code', 'roles.permissions'])
    .where('user_roles.user_id', '=', userId)
    .execute();
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
    jurisdictionCode: row.jurisdiction_code,
    roles: roles.map((r) => r.code),
    permissions: new Set(roles.flatMap((r) => r.permissions)),
    mustChangePassword: row.must_change_password,
    totpEnabled: row.totp_enabled,
    disabled: row.disabled,
    preferences: row.preferences,
  };
}

export function needsSecondFactor(account: Pick<UserAccount, 'permissions'>, mfaRequired: boolean): boolean {
  return mfaRequired && childDataPermissions.some((permission: Permission) => account.permissions.has(permission));
}

export function actorFor(
  account: UserAccount,
  request: { locale: Locale; ip: string | null; requestId: string | null },
): Actor {
  return {
    kind: 'user',
    userId: account.id,
    organisationId: account.organisationId,
    label: `${account.displayName} (${account.organisationName})`,
    roles: account.roles,
    permissions: account.permissions,
    jurisdiction: [account.jurisdictionCode],
    childJurisdiction: seesChildrenByPlace(account.organisationKind) ? [account.jurisdictionCode] : [],
    locale: request.locale,
    ip: request.ip,
    requestId: request.requestId,
  };
}
