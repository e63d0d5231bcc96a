import type { Kysely } from 'kysely';
import { type Actor, accountableUserId, hasPermission } from '../../platform/access/actor.js';
import { childDataPermissions } from '../../platform/access/permissions.js';
import type { Database } from '../../platform/db/schema.js';
import { changingSessionsOf } from '../../platform/auth/session-cache.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { isWithin, subtreePrefix } from '../../core/places.js';
import './messages.js';

export interface RoleGrantView {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  organisationName: string;
  roleCode: string;
  requestedBy: string;
  requestedAt: string;
  /** Whether the caller may approve or reject it, and if not, why (a message code). */
  canDecide: boolean;
  cannotDecideBecause: string | null;
  /** The requester may withdraw their own request. */
  canWithdraw: boolean;
}

interface GrantFacts {
  user_id: string;
  requested_by: string | null;
  jurisdiction_code: string;
  permissions: string[];
}

/** Why this actor may not approve this grant, or null when they may. */
function approvalProblem(actor: Actor, grant: GrantFacts): string | null {
  // The operator at the command line is the root of trust (it grants the first officer).
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return 'users.grant_needs_person';
  if (!hasPermission(actor, 'roles.approve')) return 'users.grant_needs_approver';
  if (grant.user_id === actor.userId) return 'users.own_roles';
  if (grant.requested_by === actor.userId) return 'users.own_grant';
  if (!actor.jurisdiction.some((code) => isWithin(grant.jurisdiction_code, code)))
    return 'users.outside_your_jurisdiction';
  const lacking = grant.permissions.find(
    (p) => (childDataPermissions as readonly string[]).includes(p) && !hasPermission(actor, p),
  );
  if (lacking) return 'users.grant_beyond_own_access';
  return null;
}

function grantQuery(db: Kysely<Database>) {
  return db
    .selectFrom('role_grant_requests')
    .innerJoin('users', 'users.id', 'role_grant_requests.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .innerJoin('roles', 'roles.code', 'role_grant_requests.role_code')
    .select([
      'role_grant_requests.id',
      'role_grant_requests.user_id',
      'role_grant_requests.role_code',
      'role_grant_requests.requested_by',
      'role_grant_requests.requested_by_label',
      'role_grant_requests.requested_at',
      'role_grant_requests.status',
      'users.username',
      'users.display_name',
      'users.jurisdiction_code',
      'organisations.name as organisation_name',
      'roles.permissions',
    ]);
}

/** Open grant requests for users within the caller's jurisdiction, oldest first. */
export async function listPendingRoleGrants(db: Kysely<Database>, actor: Actor): Promise<RoleGrantView[]> {
  let query = grantQuery(db).where('role_grant_requests.status', '=', 'pending');
  if (actor.kind !== 'system')
    query = query.where((eb) =>
      eb.or(actor.jurisdiction.map((code) => eb('users.jurisdiction_code', 'like', `${subtreePrefix(code)}%`))),
    );
  const rows = await query.orderBy('role_grant_requests.requested_at').limit(200).execute();
  const me = accountableUserId(actor);
  return rows.map((row) => {
    const problem = approvalProblem(actor, row);
    return {
      id: row.id,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      organisationName: row.organisation_name,
      roleCode: row.role_code,
      requestedBy: row.requested_by_label,
      requestedAt: new Date(row.requested_at).toISOString(),
      canDecide: problem === null,
      cannotDecideBecause: problem,
      canWithdraw: me !== null && row.requested_by === me,
    };
  });
}

async function loadPendingGrant(db: Kysely<Database>, actor: Actor, id: string) {
  const grant = await grantQuery(db).where('role_grant_requests.id', '=', id).executeTakeFirst();
  if (
    !grant ||
    (actor.kind !== 'system' && !actor.jurisdiction.some((code) => isWithin(grant.jurisdiction_code, code)))
  )
    throw notFound('role_grant_request', id);
  if (grant.status !== 'pending') throw new DomainError('users.grant_decided', 409);
  return grant;
}

/**
 * Four eyes: a second person approves (the role is added) or rejects. Decided once: of two
 * concurrent decisions the second finds it decided.
 */
export async function decideRoleGrant(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  decision: 'approved' | 'rejected',
): Promise<void> {
  const grant = await loadPendingGrant(db, actor, id);
  const problem = approvalProblem(actor, grant);
  if (problem) throw new DomainError(problem, 403, { role: grant.role_code });
  await changingSessionsOf(
    grant.user_id,
    unitOfWork(
      db,
      actor,
      decision === 'approved' ? 'users.role_grant_approved' : 'users.role_grant_rejected',
      async ({ trx, audit }) => {
        const decided = await trx
          .updateTable('role_grant_requests')
          .set({ status: decision, decided_by: actor.userId, decided_by_label: actor.label, decided_at: new Date() })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .returning('id')
          .executeTakeFirst();
        if (!decided) throw new DomainError('users.grant_decided', 409);
        if (decision === 'approved') {
          await trx
            .insertInto('user_roles')
            .values({ user_id: grant.user_id, role_code: grant.role_code })
            .onConflict((oc) => oc.doNothing())
            .execute();
          // A roles editor open on the old set must reload before saving over this grant.
          await trx
            .updateTable('users')
            .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
            .where('id', '=', grant.user_id)
            .execute();
        }
        audit({
          entityType: 'role_grant_request',
          entityId: id,
          details: { userId: grant.user_id, role: grant.role_code, requestedBy: grant.requested_by_label },
        });
      },
    ),
  );
}

/** The requester takes back their own open request. */
export async function withdrawRoleGrant(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const grant = await loadPendingGrant(db, actor, id);
  const me = accountableUserId(actor);
  if (me === null || grant.requested_by !== me) throw new DomainError('users.not_your_grant', 403);
  await unitOfWork(db, actor, 'users.role_grant_withdrawn', async ({ trx, audit }) => {
    const done = await trx
      .updateTable('role_grant_requests')
      .set({ status: 'withdrawn', decided_by: me, decided_by_label: actor.label, decided_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new DomainError('users.grant_decided', 409);
    audit({
      entityType: 'role_grant_request',
      entityId: id,
      details: { userId: grant.user_id, role: grant.role_code },
    });
  });
}
