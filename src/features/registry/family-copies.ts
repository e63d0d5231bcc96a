import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { SituationInput } from '../../contract/registry/child.js';
import { systemScope } from '../../core/scope/system-scope.js';
import '../../core/tables/children.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { conflict } from '../../platform/errors.js';
import { memberValuesOf } from './family-store.js';
import { memberById, type MemberRow, type MemberWithSituations } from './file-store.js';

/*
 * Siblings linked as a household each keep their own copy of the people they share (issue 17). A
 * change to the situations of one copy is the family's fact: it is applied to every copy on the
 * current siblings' files in the same unit of work — also the files the writer may not see, which
 * are updated but never named back. The copies are the household read's: the same ID number, else
 * (no ID number on either) the same name and relation.
 */

type Situation = Required<SituationInput>;
type Db = Kysely<Database> | Transaction<Database>;

/** The facts the household page compares copies by: what happened, where, from, until. */
export function situationKey(s: Pick<Situation, 'kind' | 'place' | 'since' | 'until'>): string {
  return `${s.kind}|${s.place ?? ''}|${s.since ?? ''}|${s.until ?? ''}`;
}

const signature = (s: Situation) => JSON.stringify([situationKey(s), s.disabilityGrade, s.disabilityType, s.note]);

export interface SituationDelta {
  removed: Situation[];
  added: Situation[];
}

/** What one edit of a copy's situations did, as a multiset difference (situations are replaced as a list). */
export function situationDelta(before: readonly Situation[], after: readonly Situation[]): SituationDelta {
  const rest = [...after];
  const removed: Situation[] = [];
  for (const s of before) {
    const index = rest.findIndex((x) => signature(x) === signature(s));
    if (index >= 0) rest.splice(index, 1);
    else removed.push(s);
  }
  return { removed, added: rest };
}

/**
 * The delta applied to another copy: a removed (or ended) situation goes where the copy has it, an
 * added one is added unless the copy already has the same facts. Undefined when nothing changes.
 */
export function applyDelta(copy: readonly Situation[], delta: SituationDelta): Situation[] | undefined {
  const result = [...copy];
  let changed = false;
  for (const s of delta.removed) {
    const index = result.findIndex((x) => situationKey(x) === situationKey(s));
    if (index >= 0) {
      result.splice(index, 1);
      changed = true;
    }
  }
  for (const s of delta.added)
    if (!result.some((x) => situationKey(x) === situationKey(s))) {
      result.push(s);
      changed = true;
    }
  return changed ? result : undefined;
}

type Person = Pick<MemberRow, 'id' | 'child_id' | 'id_number' | 'name' | 'relation'>;

/** The ids of the other copies of a person, on the active files of the child's current household siblings. */
export async function copyIdsOf(db: Db, member: Person): Promise<{ id: string; childId: string; version: number }[]> {
  const rows = await db
    .selectFrom('family_members as m')
    .innerJoin('household_children as sib', 'sib.child_id', 'm.child_id')
    .innerJoin('children as c', 'c.id', 'm.child_id')
    .where(systemScope("copies of a member whose file its caller read through childInScope (the family's fact)"))
    .select(['m.id', 'm.child_id', 'm.version'])
    .where('sib.to_at', 'is', null)
    .where('sib.household_id', 'in', (eb) =>
      eb
        .selectFrom('household_children as own')
        .select('own.household_id')
        .where('own.child_id', '=', member.child_id)
        .where('own.to_at', 'is', null),
    )
    .where('m.child_id', '<>', member.child_id)
    .where('m.removed_at', 'is', null)
    .where('c.status', '=', 'active')
    .$if(member.id_number !== null, (qb) => qb.where('m.id_number', '=', member.id_number!))
    .$if(member.id_number === null, (qb) =>
      qb.where('m.id_number', 'is', null).where('m.name', '=', member.name).where('m.relation', '=', member.relation),
    )
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ id: r.id, childId: r.child_id, version: r.version }));
}

/** What the writer confirms it saw: the copies and their versions, as one opaque value (no ids leave). */
export function copiesToken(copies: readonly Pick<MemberRow, 'id' | 'version'>[]): string {
  const list = copies
    .map((c) => `${c.id}:${c.version}`)
    .sort()
    .join(',');
  return createHash('sha256').update(list).digest('base64url').slice(0, 22);
}

/**
 * The other copies of a member, locked together with it in id order, so two writers on the same
 * person (from two siblings' files) wait for each other instead of deadlocking.
 */
export async function lockWithCopies(trx: Db, memberId: string): Promise<MemberWithSituations[]> {
  const member = await memberById(trx, memberId);
  if (!member) return [];
  const ids = [member.id, ...(await copyIdsOf(trx, member)).map((c) => c.id)].sort();
  const copies: MemberWithSituations[] = [];
  for (const id of ids) {
    const row = await memberById(trx, id, { lock: true });
    if (row && id !== memberId) copies.push(row);
  }
  return copies;
}

/**
 * Applies one copy's situation change to the other copies (already locked): each changed copy is
 * versioned, on its child's timeline with the writer's reason. When the writer sent the copies it
 * saw (`seen`) and they changed since, nothing is written: 409. Answers the children changed.
 */
export async function propagateSituations(
  trx: Transaction<Database>,
  actor: Actor,
  copies: readonly MemberWithSituations[],
  change: { before: readonly Situation[]; after: readonly Situation[]; reason: string; seen?: string | undefined },
  write: (copy: MemberWithSituations, situations: Situation[]) => Promise<void>,
): Promise<string[]> {
  if (change.seen !== undefined && change.seen !== copiesToken(copies))
    throw conflict('registry.family_copies_changed', { copies: copies.length });
  const delta = situationDelta(change.before, change.after);
  if (delta.added.length === 0 && delta.removed.length === 0) return [];
  const changed: string[] = [];
  for (const copy of copies) {
    const before = memberValuesOf(copy).situations;
    const after = applyDelta(before, delta);
    if (!after) continue;
    await write(copy, after);
    await recordTimeline(trx, actor, {
      childId: copy.child_id,
      kind: 'family.updated',
      reason: change.reason,
      entityType: 'family_member',
      entityId: copy.id,
      before: { situations: before },
      after: { situations: after },
      details: { sharedCopy: true },
    });
    changed.push(copy.child_id);
  }
  return changed;
}
