import type { Kysely, Transaction } from 'kysely';
import { type Actor, accountableUserId } from '../../platform/access/actor.js';
import { childDataPermissions } from '../../platform/access/permissions.js';
import type { Database } from '../../platform/db/schema.js';
import { changingSessionsOf } from '../../platform/auth/session-cache.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { isWithin } from '../../core/places.js';
import './messages.js';

/**
 * Separation of duties (issue 12): nobody changes their own roles, and a role that reads
 * children's files is granted only when a second person approves. The approver must be a signed-in
 * person holding `roles.approve`, whose jurisdiction covers the user's, who already holds every
 * child-data permission of the role (one vouches only for access one has), and who is neither the
 * requester nor the user. Without that last rule an administrator could create a second account
 * with a non-child role and approve through it. The system (CLI) grants directly: someone must
 * grant the first officer.
 */

export interface PendingGrant {
  id: string;
  roleCode: string;
}

type RolePermissions = Map<string, readonly string[]>;

export function readsChildren(permissions: readonly string[]): boolean {
  return permissions.some((permission) => (childDataPermissions as readonly string[]).includes(permission));
}

export async function rolePermissions(
  db: Kysely<Database> | Transaction<Database>,
  roles: readonly string[],
): Promise<RolePermissions> {
  if (roles.length === 0) return new Map();
  const rows = await db
    .selectFrom('roles')
    .select(['code', 'permissions'])
    .where('code', 'in', [...roles])
    .execute();
  return new Map(rows.map((row) => [row.code, row.permissions]));
}

export function assertNotOwnRoles(actor: Actor, userId: string): void {
  if (accountableUserId(actor) === userId) throw new DomainError('users.own_roles', 403);
}

/**
 * Grants roles within a unit of work: roles that do not read children's files at once, the others
 * as pending requests (one per user and role; a repeated request finds the open one).
 */
export async function grantRolesIn(
  trx: Transaction<Database>,
  actor: Actor,
  userId: string,
  roles: readonly string[],
  permissions: RolePermissions,
): Promise<{ granted: string[]; pending: PendingGrant[] }> {
  const gated = actor.kind === 'system' ? [] : roles.filter((role) => readsChildren(permissions.get(role) ?? []));
  const granted = roles.filter((role) => !gated.includes(role));
  if (granted.length > 0)
    await trx
      .insertInto('user_roles')
      .values(granted.map((role) => ({ user_id: userId, role_code: role })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (gated.length === 0) return { granted, pending: [] };
  await trx
    .insertInto('role_grant_requests')
    .values(
      gated.map((role) => ({
        user_id: userId,
        role_code: role,
        requested_by: accountableUserId(actor),
        requested_by_label: actor.label,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'role_code']).where('status', '=', 'pending').doNothing())
    .execute();
  const pending = await trx
    .selectFrom('role_grant_requests')
    .select(['id', 'role_code'])
    .where('user_id', '=', userId)
    .where('role_code', 'in', gated)
    .where('status', '=', 'pending')
    .execute();
  return { granted, pending: pending.map((row) => ({ id: row.id, roleCode: row.role_code })) };
}

/**
 * Replaces a user's roles. Removals and roles that do not read children's files apply now; roles
 * that do wait for a second person. Open requests for roles no longer wanted are withdrawn.
 */
export async function setUserRoles(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  roles: string[],
  expectedVersion: number,
): Promise<{ pendingGrants: PendingGrant[] }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'jurisdiction_code'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || (actor.kind !== 'system' && !actor.jurisdiction.some((code) => isWithin(user.jurisdiction_code, code))))
    throw notFound('user', userId);
  assertNotOwnRoles(actor, userId);
  const wanted = [...new Set(roles)];
  const permissions = await rolePermissions(db, wanted);
  const missing = wanted.find((role) => !permissions.has(role));
  if (missing) throw new DomainError('users.unknown_role', 400, { role: missing });
  const { result } = await changingSessionsOf(
    userId,
    unitOfWork(db, actor, 'users.roles_changed', async ({ trx, audit }) => {
      const before = (
        await trx.selectFrom('user_roles').select('role_code').where('user_id', '=', userId).execute()
      ).map((r) => r.role_code);
      await updateVersioned(trx, { table: 'users', entity: 'user', id: userId, expectedVersion, values: {} });
      const removed = before.filter((role) => !wanted.includes(role));
      if (removed.length > 0)
        await trx.deleteFrom('user_roles').where('user_id', '=', userId).where('role_code', 'in', removed).execute();
      const withdrawn = await trx
        .updateTable('role_grant_requests')
        .set({
          status: 'withdrawn',
          decided_by: accountableUserId(actor),
          decided_by_label: actor.label,
          decided_at: new Date(),
        })
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .$if(wanted.length > 0, (query) => query.where('role_code', 'not in', wanted))
        .returning(['id', 'role_code'])
        .execute();
      const { pending } = await grantRolesIn(
        trx,
        actor,
        userId,
        wanted.filter((role) => !before.includes(role)),
        permissions,
      );
      const after = before
        .filter((role) => !removed.includes(role))
        .concat(wanted.filter((role) => !before.includes(role) && !pending.some((p) => p.roleCode === role)));
      audit({
        entityType: 'user',
        entityId: userId,
        details: {
          before: [...before].sort(),
          after: after.sort(),
          pending: pending.map((p) => p.roleCode),
          withdrawn: withdrawn.map((w) => w.role_code),
        },
      });
      for (const request of pending)
        audit({
          action: 'users.role_grant_requested',
          entityType: 'role_grant_request',
          entityId: request.id,
          details: { userId, role: request.roleCode },
        });
      return { pendingGrants: pending };
    }),
  );
  return result;
}
