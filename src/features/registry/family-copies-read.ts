import type { Kysely } from 'kysely';
import type { FamilyCopies } from '../../contract/registry/child.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { copiesToken, copyIdsOf } from './family-copies.js';
import { childInScopeById, fileChildIds, memberById } from './file-store.js';
import { registryNotFound, requirePermission } from './guards.js';

/**
 * Where a change to this member's situations will also be written (the same person on the
 * household siblings' files), so the writer is told before saving: the siblings I may see by name,
 * the others only counted; `copies` is what the change sends back. The read is audited.
 */
export async function readFamilyCopies(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  memberId: string,
): Promise<FamilyCopies> {
  requirePermission(actor, 'children.read');
  const child = await childInScopeById(db, actor, childId);
  if (!child) throw registryNotFound(actor, 'child', childId);
  const member = await memberById(db, memberId);
  if (!member || member.removed_at || !(await fileChildIds(db, childId)).includes(member.child_id))
    throw registryNotFound(actor, 'member', memberId);
  const copies = await copyIdsOf(db, member);
  const childIds = [...new Set(copies.map((c) => c.childId))];
  const visible =
    childIds.length === 0
      ? []
      : await db
          .selectFrom('children')
          .where(childInScope(actor))
          .select(['children.id', 'children.name'])
          .where('children.id', 'in', childIds)
          .orderBy('children.birth_date')
          .execute();
  await recordAudit(db, actor, {
    action: 'children.family.copies',
    entityType: 'family_member',
    entityId: memberId,
    childId,
  });
  return {
    siblings: visible.map((c) => ({ childId: c.id, name: c.name })),
    outsideScope: childIds.length - visible.length,
    copies: copiesToken(copies),
  };
}
