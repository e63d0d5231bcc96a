import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { maskPhone } from '../../platform/access/masking.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Database } from '../../platform/db/schema.js';
import { changingSessionsOf } from '../../platform/auth/session-cache.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { isWithin, subtreePrefix } from '../../core/places.js';
import { revokeTokensOfUserIn } from './api-tokens.js';
import './messages.js';
import { grantRolesIn, type PendingGrant, rolePermissions } from './role-grants.js';
import type { CreateUserInput, UserSummary } from '../../contract/users/users.js';

/** A readable one-time password for a new or reset account; it must be changed at first sign-in. */
export function temporaryPassword(): string {
  return `Hv-${randomBytes(9).toString('base64url')}`;
}

function assertManages(actor: Actor, divisionCode: string) {
  if (actor.kind === 'system') return;
  if (!actor.jurisdiction.some((code) => isWithin(divisionCode, code)))
    throw new DomainError('users.outside_your_jurisdiction', 403);
}

export async function createUser(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateUserInput,
  idempotencyKey?: string,
): Promise<{ id: string; temporaryPassword: string; pendingGrants: PendingGrant[] }> {
  const organisation = await db
    .selectFrom('organisations')
    .select(['id', 'division_code'])
    .where('id', '=', input.organisationId)
    .executeTakeFirst();
  if (!organisation)
    throw new DomainError('users.unknown_organisation', 400, { organisationId: input.organisationId }, [
      { path: 'body.organisationId', code: 'users.unknown_organisation' },
    ]);
  const jurisdiction = input.jurisdictionCode ?? organisation.division_code;
  if (!isWithin(jurisdiction, organisation.division_code)) {
    throw new DomainError(
      'users.jurisdiction_outside_organisation',
      400,
      { jurisdiction, organisationDivision: organisation.division_code },
      [{ path: 'body.jurisdictionCode', code: 'users.jurisdiction_outside_organisation' }],
    );
  }
  assertManages(actor, organisation.division_code);
  const roles = [...new Set(input.roles)];
  const permissions = await rolePermissions(db, roles);
  const missing = roles.find((role) => !permissions.has(role));
  if (missing)
    throw new DomainError('users.unknown_role', 400, { role: missing }, [
      { path: 'body.roles', code: 'users.unknown_role' },
    ]);

  const password = input.temporaryPassword ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  const { result } = await unitOfWork(
    db,
    actor,
    'users.create',
    async ({ trx, audit }) => {
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where(sql`lower(username)`, '=', input.username.toLowerCase())
        .executeTakeFirst();
      if (taken)
        throw new DomainError('users.username_taken', 409, { username: input.username }, [
          { path: 'body.username', code: 'users.username_taken' },
        ]);
      const user = await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          phone: input.phone ?? null,
          organisation_id: input.organisationId,
          jurisdiction_code: jurisdiction,
          password_hash: passwordHash,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // A new account is a grant like any other: roles that read children's files wait for a second person.
      const { granted, pending } = await grantRolesIn(trx, actor, user.id, roles, permissions);
      audit({
        entityType: 'user',
        entityId: user.id,
        details: {
          username: input.username,
          roles: granted,
          pendingRoles: pending.map((p) => p.roleCode),
          jurisdiction,
        },
      });
      for (const request of pending)
        audit({
          action: 'users.role_grant_requested',
          entityType: 'role_grant_request',
          entityId: request.id,
          details: { userId: user.id, role: request.roleCode },
        });
      return { id: user.id, pendingGrants: pending };
    },
    idempotencyKey ? { key: idempotencyKey, request: { ...input, temporaryPassword: undefined } } : undefined,
  );
  return { id: result.id, temporaryPassword: password, pendingGrants: result.pendingGrants ?? [] };
}

async function loadManagedUser(db: Kysely<Database>, actor: Actor, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'jurisdiction_code', 'version'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || (actor.kind !== 'system' && !actor.jurisdiction.some((code) => isWithin(user.jurisdiction_code, code))))
    throw notFound('user', userId);
  return user;
}

export async function listUsers(
  db: Kysely<Database>,
  actor: Actor,
  options: { page: number; pageSize: number; q?: string },
): Promise<{ items: UserSummary[]; total: number }> {
  let query = db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id');
  if (actor.kind !== 'system') {
    query = query.where((eb) =>
      eb.or(actor.jurisdiction.map((code) => eb('users.jurisdiction_code', 'like', `${subtreePrefix(code)}%`))),
    );
  }
  if (options.q)
    query = query.where((eb) =>
      eb.or([eb('users.username', 'ilike', `%${options.q}%`), eb('users.display_name', 'like', `%${options.q}%`)]),
    );
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.phone',
      'users.organisation_id',
      'organisations.name as organisation_name',
      'users.jurisdiction_code',
      'users.totp_enabled',
      'users.locked_until',
      'users.disabled',
      'users.must_change_password',
      'users.last_login_at',
      'users.version',
    ])
    .select((eb) =>
      eb
        .selectFrom('user_roles')
        .select(sql<string[]>`coalesce(array_agg(role_code ORDER BY role_code), '{}')`.as('r'))
        .whereRef('user_roles.user_id', '=', 'users.id')
        .as('roles'),
    )
    .orderBy('users.username')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  const unmask = hasPermission(actor, 'users.manage');
  return {
    total: total.n,
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      phone: unmask ? r.phone : maskPhone(r.phone),
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      jurisdictionCode: r.jurisdiction_code,
      roles: r.roles ?? [],
      totpEnabled: r.totp_enabled,
      locked: r.locked_until !== null && new Date(r.locked_until) > new Date(),
      disabled: r.disabled,
      mustChangePassword: r.must_change_password,
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
      version: r.version,
    })),
  };
}

/** Administrator resets a forgotten password: a new temporary one, unlocked, every session ended. */
export async function resetUserPassword(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
): Promise<{ temporaryPassword: string }> {
  await loadManagedUser(db, actor, userId);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await changingSessionsOf(
    userId,
    unitOfWork(db, actor, 'users.password_reset', async ({ trx, audit }) => {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: true, failed_logins: 0, locked_until: null })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      audit({ entityType: 'user', entityId: userId });
    }),
  );
  return { temporaryPassword: password };
}

export async function setUserLocked(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  locked: boolean,
): Promise<void> {
  await loadManagedUser(db, actor, userId);
  await changingSessionsOf(
    userId,
    unitOfWork(db, actor, locked ? 'users.lock' : 'users.unlock', async ({ trx, audit }) => {
      await trx
        .updateTable('users')
        .set({ disabled: locked, failed_logins: 0, locked_until: null })
        .where('id', '=', userId)
        .execute();
      if (locked) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      // A disabled person's tokens die with the account (and stay dead if it is enabled again).
      const revokedTokens = locked ? await revokeTokensOfUserIn(trx, userId) : [];
      audit({
        entityType: 'user',
        entityId: userId,
        details: revokedTokens.length > 0 ? { revokedTokens } : undefined,
      });
    }),
  );
}

export async function resetUserTotp(db: Kysely<Database>, actor: Actor, userId: string): Promise<void> {
  await loadManagedUser(db, actor, userId);
  await changingSessionsOf(
    userId,
    unitOfWork(db, actor, 'users.totp_reset', async ({ trx, audit }) => {
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_enabled: false, totp_last_step: null })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      audit({ entityType: 'user', entityId: userId });
    }),
  );
}
