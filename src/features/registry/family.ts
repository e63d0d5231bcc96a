import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, staleVersion } from '../../platform/errors.js';
import { assembleFile } from './child-file.js';
import { memberProblems, refuseAll } from './child-checks.js';
import {
  insertMember,
  memberColumns,
  memberValuesOf,
  normaliseMember,
  normaliseSituations,
  replaceSituations,
  type MemberValues,
} from './family-store.js';
import { childInScopeById, fileChildIds, memberById, type MemberWithSituations } from './file-store.js';
import { entityName, registryNotFound, requirePermission } from './guards.js';
import { recordTimeline } from '../../core/timeline.js';
import { diffValues } from './history.js';
import type { ChildFile, MemberInput, MemberUpdate, SituationInput } from '../../contract/registry/child.js';
import { recomputeProposals } from './proposals.js';
import { lockWithCopies, propagateSituations, situationKey } from './family-copies.js';
import { loadWritableChild } from './writable.js';

type Db = Kysely<Database>;

/*
 * Parents, guardians, entrusted carers and relatives, each with dated situations. A member is
 * edited as a whole (its situations included) at the version the user saw; removal is soft and
 * says why. Every change re-proposes the child's categories.
 */

async function familyChange(
  db: Db,
  actor: Actor,
  childId: string,
  action: string,
  today: string,
  fn: (trx: Transaction<Database>, copies: MemberWithSituations[]) => Promise<string[] | undefined>,
  memberId?: string,
): Promise<ChildFile> {
  requirePermission(actor, 'children.write');
  const { result } = await unitOfWork(db, actor, action, async ({ trx, audit }) => {
    // The person's copies first, then the child: every path that reaches several siblings' files
    // takes its locks in this order (a household entry too), so none waits on another in a circle.
    const copies = memberId ? await lockWithCopies(trx, memberId) : [];
    await loadWritableChild(trx, actor, childId);
    // The siblings' files a shared person's change reached too (issue 17, households).
    const siblings = [...new Set((await fn(trx, copies)) ?? [])].filter((id) => id !== childId);
    await recomputeProposals(trx, actor, [childId, ...siblings], today);
    audit({ entityType: 'child', entityId: childId, childId });
    for (const sibling of siblings)
      audit({ entityType: 'child', entityId: sibling, childId: sibling, details: { sharedFrom: childId } });
    const child = await childInScopeById(trx, actor, childId);
    return assembleFile(trx, actor, child!, false, today);
  });
  return result;
}

/** The member, locked, belonging to this file (or a file merged into it), at the expected version. */
export async function memberForChange(
  trx: Transaction<Database>,
  actor: Actor,
  childId: string,
  memberId: string,
  version: number,
): Promise<MemberWithSituations> {
  const member = await memberById(trx, memberId, { lock: true });
  if (!member || !(await fileChildIds(trx, childId)).includes(member.child_id))
    throw registryNotFound(actor, 'member', memberId);
  if (member.removed_at) throw conflict('registry.member_removed', { removedAt: shanghaiDateOf(member.removed_at) });
  if (member.version !== version) throw staleVersion(entityName(actor, 'member'), memberId, member.version);
  return member;
}

export async function addMember(
  db: Db,
  actor: Actor,
  childId: string,
  input: MemberInput,
  today = shanghaiDateOf(new Date()),
): Promise<ChildFile> {
  const problems = memberProblems(input, '');
  if (problems.length > 0) throw refuseAll(problems);
  return familyChange(db, actor, childId, 'children.family.add', today, async (trx) => {
    const values = normaliseMember(input);
    const id = await insertMember(trx, childId, values);
    await recordTimeline(trx, actor, {
      childId,
      kind: 'family.added',
      entityType: 'family_member',
      entityId: id,
      after: values,
    });
    return undefined;
  });
}

/** Applies member changes (edit and restore); undefined when nothing changed. */
export async function changeMember(
  trx: Transaction<Database>,
  actor: Actor,
  member: MemberWithSituations,
  changes: Partial<MemberValues>,
): Promise<{ before: Partial<MemberValues>; after: Partial<MemberValues> } | undefined> {
  const diff = diffValues(memberValuesOf(member), changes);
  if (!diff) return undefined;
  const columns = memberColumns(diff.after);
  await updateVersioned(trx, {
    table: 'family_members',
    entity: entityName(actor, 'member'),
    id: member.id,
    expectedVersion: member.version,
    values: columns,
  });
  if (diff.after.situations) await replaceSituations(trx, member.id, diff.after.situations);
  return diff;
}

export async function updateMember(
  db: Db,
  actor: Actor,
  childId: string,
  memberId: string,
  input: MemberUpdate,
  today = shanghaiDateOf(new Date()),
): Promise<ChildFile> {
  const problems = memberProblems(input, '');
  if (problems.length > 0) throw refuseAll(problems);
  return familyChange(
    db,
    actor,
    childId,
    'children.family.update',
    today,
    async (trx, copies) => {
      const member = await memberForChange(trx, actor, childId, memberId, input.version);
      const { version: _version, reason, situations, copies: seen, ...fields } = input;
      const changes: Partial<MemberValues> = {
        ...fields,
        ...(situations ? { situations: normaliseSituations(situations) } : {}),
      };
      if (changes.idNumber !== undefined)
        changes.idNumber = changes.idNumber?.trim() ? changes.idNumber.trim().toUpperCase() : null;
      const diff = await changeMember(trx, actor, member, changes);
      if (diff)
        await recordTimeline(trx, actor, {
          childId: member.child_id,
          kind: 'family.updated',
          reason,
          entityType: 'family_member',
          entityId: memberId,
          before: diff.before,
          after: diff.after,
        });
      if (!diff?.after.situations) return undefined;
      return propagateSituations(
        trx,
        actor,
        copies,
        { before: memberValuesOf(member).situations, after: diff.after.situations, reason, seen },
        (copy, list) => writeSituations(trx, actor, copy, list),
      );
    },
    memberId,
  );
}

async function writeSituations(
  trx: Transaction<Database>,
  actor: Actor,
  copy: MemberWithSituations,
  situations: MemberValues['situations'],
): Promise<void> {
  await changeMember(trx, actor, copy, { situations });
}

export async function removeMember(
  db: Db,
  actor: Actor,
  childId: string,
  memberId: string,
  input: { version: number; reason: string },
  today = shanghaiDateOf(new Date()),
): Promise<ChildFile> {
  return familyChange(db, actor, childId, 'children.family.remove', today, async (trx) => {
    const member = await memberForChange(trx, actor, childId, memberId, input.version);
    await updateVersioned(trx, {
      table: 'family_members',
      entity: entityName(actor, 'member'),
      id: memberId,
      expectedVersion: member.version,
      values: { removed_at: new Date(), removed_reason: input.reason },
    });
    await recordTimeline(trx, actor, {
      childId: member.child_id,
      kind: 'family.removed',
      reason: input.reason,
      entityType: 'family_member',
      entityId: memberId,
      before: { removed: false, ...memberValuesOf(member) },
      after: { removed: true },
    });
    return undefined;
  });
}

/**
 * Adds one dated situation to a member of a child's file, inside the caller's unit of work, and to
 * the same person's copies on the child's household siblings' files (issue 17: the fact belongs to
 * the family). The member is taken at the version the caller saw; a situation with the same facts
 * already there is not added twice; each changed child's categories are proposed again. Answers
 * the child's id and the ids of the copies the change reached for (changed or already holding it).
 */
/**
 * The member's situations with one more. `closesOpen` (a release list): a situation of the same kind
 * still open on the end date, begun before it, is ended on that date instead of being doubled.
 */
export function withSituation<S extends { kind: string; since: string | null; until: string | null }>(
  existing: readonly S[],
  added: S,
  closesOpen: boolean,
): S[] {
  const until = added.until;
  const open =
    closesOpen && until
      ? existing.findIndex(
          (s) =>
            s.kind === added.kind && (s.until === null || s.until > until) && (s.since === null || s.since <= until),
        )
      : -1;
  return open >= 0 ? existing.map((s, i) => (i === open ? { ...s, until } : s)) : [...existing, added];
}

export async function addMemberSituationIn(
  uow: UnitOfWork,
  memberId: string,
  input: { version: number; situation: SituationInput; reason: string; copies?: string; closesOpen?: boolean },
  today = shanghaiDateOf(new Date()),
): Promise<{ childId: string; copyIds: string[] }> {
  const { trx, actor } = uow;
  requirePermission(actor, 'children.write');
  const found = await memberById(trx, memberId);
  if (!found) throw registryNotFound(actor, 'member', memberId);
  const copies = await lockWithCopies(trx, memberId);
  await loadWritableChild(trx, actor, found.child_id);
  const member = await memberForChange(trx, actor, found.child_id, memberId, input.version);
  const before = memberValuesOf(member).situations;
  const [added] = normaliseSituations([input.situation]);
  const situations = before.some((s) => situationKey(s) === situationKey(added!))
    ? before
    : withSituation(before, added!, input.closesOpen ?? false);
  const diff = await changeMember(trx, actor, member, { situations });
  if (diff)
    await recordTimeline(trx, actor, {
      childId: member.child_id,
      kind: 'family.updated',
      reason: input.reason,
      entityType: 'family_member',
      entityId: memberId,
      before: diff.before,
      after: diff.after,
    });
  const siblings = await propagateSituations(
    trx,
    actor,
    copies,
    { before, after: situations, reason: input.reason, seen: input.copies },
    (copy, list) => writeSituations(trx, actor, copy, list),
  );
  const changed = [...new Set([member.child_id, ...siblings])];
  await recomputeProposals(trx, actor, changed, today);
  for (const childId of changed) uow.audit({ entityType: 'child', entityId: childId, childId });
  return { childId: member.child_id, copyIds: copies.map((c) => c.id) };
}

/**
 * Locks a family member and its copies on the household siblings' files (in id order, before any
 * child row, as every writer of them does) and answers their versions: a caller entering one fact
 * for several copies checks the versions it saw before writing any (households).
 */
export async function lockFamilyCopiesIn(
  uow: UnitOfWork,
  memberId: string,
): Promise<{ id: string; version: number }[]> {
  const copies = await lockWithCopies(uow.trx, memberId);
  const member = await memberById(uow.trx, memberId);
  return [...(member ? [member] : []), ...copies].map((m) => ({ id: m.id, version: m.version }));
}
