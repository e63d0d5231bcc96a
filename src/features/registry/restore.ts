import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { canonicalJson } from '../../platform/audit/hash-chain.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict } from '../../platform/errors.js';
import { assembleFile } from './child-file.js';
import { childValuesOf } from './child-checks.js';
import { changeChild } from './child-write.js';
import { changeMember } from './family.js';
import { memberValuesOf } from './family-store.js';
import { type ChildRow, childInScopeById, fileChildIds, memberById } from './file-store.js';
import { entityName, registryNotFound, requirePermission } from './guards.js';
import { recordTimeline } from '../../core/timeline.js';
import type { ChildFile } from '../../contract/registry/child.js';
import { recomputeProposals } from './proposals.js';
import { loadWritableChild } from './writable.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Db = Kysely<Database>;

/** Fields whose value now differs from what the entry wrote: someone changed them since. */
function changedSince(current: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => canonicalJson(current[key] ?? null) !== canonicalJson(after[key] ?? null));
}

function refuseIfChanged(current: Record<string, unknown>, after: Record<string, unknown>): void {
  const fields = changedSince(current, after);
  if (fields.length > 0) throw conflict('registry.restore_conflict', { fields: fields.join(', ') }, { fields });
}

/**
 * Puts back the "before" values of one history entry, as a new versioned change (itself
 * restorable). Refused when the same fields changed again afterwards, naming them, so a restore
 * never silently overwrites a newer edit.
 */
export async function restoreEntry(
  db: Db,
  actor: Actor,
  childId: string,
  entryId: string,
  input: { reason: string },
  today = shanghaiDateOf(new Date()),
): Promise<ChildFile> {
  requirePermission(actor, 'children.write');
  const { result } = await unitOfWork(db, actor, 'children.history.restore', async ({ trx, audit }) => {
    const child = await loadWritableChild(trx, actor, childId);
    const entry = /^\d+$/.test(entryId)
      ? await trx
          .selectFrom('child_timeline')
          .where(systemScope('the file loadWritableChild locked through childInScope'))
          .selectAll()
          .where('id', '=', entryId)
          .where('child_id', 'in', await fileChildIds(trx, childId))
          .executeTakeFirst()
      : undefined;
    if (!entry) throw registryNotFound(actor, 'timeline', entryId);
    const details = { restoredFrom: entryId };
    const before = entry.before ?? {};
    const after = entry.after ?? {};
    if (entry.kind === 'child.updated' && entry.child_id === childId) {
      await restoreChild(trx, actor, child, before, after, input.reason, details, today);
    } else if (entry.kind === 'family.updated' || entry.kind === 'family.added') {
      const member = await memberById(trx, entry.entity_id ?? '', { lock: true });
      if (!member || member.removed_at) throw conflict('registry.restore_member_gone', {});
      refuseIfChanged(memberValuesOf(member), after);
      if (entry.kind === 'family.added') {
        await updateVersioned(trx, {
          table: 'family_members',
          entity: entityName(actor, 'member'),
          id: member.id,
          expectedVersion: member.version,
          values: { removed_at: new Date(), removed_reason: input.reason },
        });
        await recordTimeline(trx, actor, {
          childId: member.child_id,
          kind: 'family.removed',
          reason: input.reason,
          entityType: 'family_member',
          entityId: member.id,
          before: { removed: false, ...memberValuesOf(member) },
          after: { removed: true },
          details,
        });
      } else {
        const diff = await changeMember(trx, actor, member, before);
        if (diff)
          await recordTimeline(trx, actor, {
            childId: member.child_id,
            kind: 'family.updated',
            reason: input.reason,
            entityType: 'family_member',
            entityId: member.id,
            before: diff.before,
            after: diff.after,
            details,
          });
      }
    } else if (entry.kind === 'family.removed') {
      const member = await memberById(trx, entry.entity_id ?? '', { lock: true });
      if (!member?.removed_at)
        throw conflict('registry.restore_conflict', { fields: 'removed' }, { fields: ['removed'] });
      await updateVersioned(trx, {
        table: 'family_members',
        entity: entityName(actor, 'member'),
        id: member.id,
        expectedVersion: member.version,
        values: { removed_at: null, removed_reason: null },
      });
      await recordTimeline(trx, actor, {
        childId: member.child_id,
        kind: 'family.reinstated',
        reason: input.reason,
        entityType: 'family_member',
        entityId: member.id,
        before: { removed: true },
        after: { removed: false },
        details,
      });
    } else {
      throw conflict('registry.restore_not_restorable', { kind: entry.kind });
    }
    await recomputeProposals(trx, actor, [childId], today);
    audit({ entityType: 'child', entityId: childId, childId, details: { entryId, kind: entry.kind } });
    const fresh = await childInScopeById(trx, actor, childId);
    return assembleFile(trx, actor, fresh!, false, today);
  });
  return result;
}

async function restoreChild(
  trx: Transaction<Database>,
  actor: Actor,
  child: ChildRow,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  reason: string,
  details: Record<string, unknown>,
  today: string,
): Promise<void> {
  refuseIfChanged(childValuesOf(child), after);
  const diff = await changeChild(trx, actor, child, before, today);
  if (diff)
    await recordTimeline(trx, actor, {
      childId: child.id,
      kind: 'child.updated',
      reason,
      entityType: 'child',
      entityId: child.id,
      before: diff.before,
      after: diff.after,
      details,
    });
}
