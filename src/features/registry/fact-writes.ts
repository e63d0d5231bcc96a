import type { Kysely, Transaction } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { ChildFields } from '../../contract/registry/child.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { staleVersion } from '../../platform/errors.js';
import { entityName, requirePermission } from './guards.js';
import { changeChild } from './child-write.js';
import { loadWritableChild } from './writable.js';
import './tables.js';

/*
 * What other features need to propose and apply facts from outside (department rolls): who an ID
 * number is, among the children the caller may see, and a field change through the registry's own
 * write (version checked, timeline, categories re-proposed).
 */

export interface IdNumberMatch {
  idNumber: string;
  childId: string;
  childName: string;
  havenCode: string;
  /** Set when the number is a family member's (a parent named by a prison or rehabilitation list). */
  memberId: string | null;
  memberName: string | null;
  relation: string | null;
}

/** Active children in the caller's scope whose own ID number (or, for `member`, a family member's) is listed. */
export async function matchIdNumbersIn(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  idNumbers: readonly string[],
  whose: 'child' | 'member',
): Promise<IdNumberMatch[]> {
  if (idNumbers.length === 0) return [];
  if (whose === 'child') {
    const rows = await db
      .selectFrom('children')
      .select(['id', 'name', 'haven_code', 'id_number'])
      .where(childInScope(actor))
      .where('children.status', '=', 'active')
      .where('children.id_number', 'in', [...idNumbers])
      .execute();
    return rows.map((row) => ({
      idNumber: row.id_number!,
      childId: row.id,
      childName: row.name,
      havenCode: row.haven_code,
      memberId: null,
      memberName: null,
      relation: null,
    }));
  }
  const rows = await db
    .selectFrom('family_members')
    .innerJoin('children', 'children.id', 'family_members.child_id')
    .select([
      'children.id as childId',
      'children.name as childName',
      'children.haven_code as havenCode',
      'family_members.id as memberId',
      'family_members.name as memberName',
      'family_members.relation',
      'family_members.id_number',
    ])
    .where(childInScope(actor))
    .where('children.status', '=', 'active')
    .where('family_members.removed_at', 'is', null)
    .where('family_members.id_number', 'in', [...idNumbers])
    .execute();
  return rows.map(({ id_number, ...row }) => ({ ...row, idNumber: id_number! }));
}

/** The versions a proposal's accept must find unchanged: the child's, and each family member's. */
export async function factVersionsIn(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  childId: string,
): Promise<{ child: number; members: Map<string, number> } | undefined> {
  const child = await db
    .selectFrom('children')
    .select(['id', 'version'])
    .where('children.id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) return undefined;
  const members = await db
    .selectFrom('family_members')
    .innerJoin('children', 'children.id', 'family_members.child_id')
    .select(['family_members.id', 'family_members.version'])
    .where('children.id', '=', childId)
    .where(childInScope(actor))
    .execute();
  return { child: child.version, members: new Map(members.map((m) => [m.id, m.version])) };
}

/**
 * Changes fields of a child's file inside the caller's unit of work, at the version the caller saw
 * (a stale one is a 409 with the current version), with the timeline entry carrying the reason and
 * where the fact came from. Categories are re-proposed as after any edit.
 */
export async function updateChildFieldsIn(
  uow: UnitOfWork,
  childId: string,
  input: { version: number; fields: Partial<ChildFields>; reason: string; details?: Record<string, unknown> },
  today: string,
): Promise<{ changed: boolean }> {
  const { trx, actor } = uow;
  requirePermission(actor, 'children.write');
  const current = await loadWritableChild(trx, actor, childId);
  if (current.version !== input.version) throw staleVersion(entityName(actor, 'child'), childId, current.version);
  const change = await changeChild(trx, actor, current, input.fields, today);
  if (!change) return { changed: false };
  await recordTimeline(trx, actor, {
    childId,
    kind: 'child.updated',
    reason: input.reason,
    entityType: 'child',
    entityId: childId,
    before: change.before,
    after: change.after,
    details: input.details,
  });
  uow.audit({ entityType: 'child', entityId: childId, childId, details: { fields: Object.keys(change.after) } });
  return { changed: true };
}
