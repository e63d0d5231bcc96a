import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  HouseholdVisitInput,
  LinkHouseholdInput,
  SharedSituationInput,
} from '../../contract/households/households.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { linkOpenSiblingCasesIn } from '../cases/service.js';
import { addMemberSituationIn, lockFamilyCopiesIn } from '../registry/service.js';
import { recordVisitIn } from '../visits/service.js';
import './messages.js';
import { isProposed } from './proposals.js';
import './tables.js';

type Trx = Transaction<Database>;
export type Db = Kysely<Database>;

function requireWrite(actor: Actor): void {
  if (!hasPermission(actor, 'children.write')) throw forbidden('children.write');
}

/** The children, locked through my scope, active, and not in another household than `allowed`. */
async function lockChildren(trx: Trx, actor: Actor, childIds: readonly string[], allowed: string | null) {
  const rows = await trx
    .selectFrom('children')
    .where(childInScope(actor))
    .select([
      'children.id',
      'children.name',
      'children.status',
      'children.residence_code',
      sql<string | null>`(SELECT hc.household_id FROM household_children hc
        WHERE hc.child_id = children.id AND hc.to_at IS NULL)`.as('household_id'),
    ])
    .where('children.id', 'in', [...childIds])
    .orderBy('children.id')
    .forUpdate()
    .execute();
  childIds.forEach((id, index) => {
    const row = rows.find((r) => r.id === id);
    const path = `body.childIds.${index}`;
    if (!row) throw notFound(translate(actor.locale, 'households.child_entity'), id);
    if (row.status !== 'active')
      throw new DomainError('households.child_inactive', 409, { name: row.name }, [
        { path, code: 'households.child_inactive' },
      ]);
    if (row.household_id && row.household_id !== allowed)
      throw conflict('households.already_linked', { name: row.name }, [{ path, code: 'households.already_linked' }]);
  });
  return rows;
}

async function addChildren(uow: UnitOfWork, householdId: string, childIds: readonly string[], at: Date) {
  const { trx, actor } = uow;
  await trx
    .insertInto('household_children')
    .values(
      childIds.map((childId) => ({
        household_id: householdId,
        child_id: childId,
        from_at: at,
        recorded_by: actor.userId,
      })),
    )
    .execute();
  await recordTimeline(
    trx,
    actor,
    childIds.map((childId) => ({
      childId,
      kind: 'household.joined',
      entityType: 'household',
      entityId: householdId,
      details: { siblings: childIds.filter((id) => id !== childId) },
      occurredAt: at,
    })),
  );
  for (const childId of childIds) uow.audit({ entityType: 'household', entityId: householdId, childId });
}

/**
 * Links siblings as one household. `proposal`: only a group Haven proposes (same guardian, same
 * village) — a person reviewed it; `officer`: the officer's own judgement, with its grounds. Each
 * child keeps its file; nothing is merged.
 */
export async function linkHouseholdIn(uow: UnitOfWork, input: LinkHouseholdInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  requireWrite(actor);
  const childIds = [...new Set(input.childIds)];
  const rows = await lockChildren(trx, actor, childIds, null);
  const places = [...new Set(rows.map((r) => r.residence_code))];
  if (places.length > 1)
    throw new DomainError('households.places_differ', 400, { places: places.join('、') }, [
      { path: 'body.childIds', code: 'households.places_differ' },
    ]);
  if (input.basis === 'officer' && !input.note?.trim())
    throw new DomainError('households.note_required', 400, {}, [
      { path: 'body.note', code: 'households.note_required' },
    ]);
  if (input.basis === 'proposal' && !(await isProposed(trx, actor, childIds)))
    throw new DomainError('households.not_proposed', 400, {}, [
      { path: 'body.basis', code: 'households.not_proposed' },
    ]);
  const household = await trx
    .insertInto('households')
    .values({ residence_code: places[0]!, basis: input.basis, note: input.note ?? null, created_by: actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addChildren(uow, household.id, childIds, at);
  // Cases already open for these children are siblings' cases now: linked, so nobody handles half a family.
  await linkOpenSiblingCasesIn(uow, childIds, at);
  return household.id;
}

async function lockHousehold(trx: Trx, actor: Actor, id: string, version: number) {
  const household = await trx
    .selectFrom('households')
    .select(['id', 'version', 'residence_code'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  const seen = await trx
    .selectFrom('household_children as hc')
    .innerJoin('children', 'children.id', 'hc.child_id')
    .where(childInScope(actor))
    .select('hc.child_id')
    .where('hc.household_id', '=', id)
    .where('hc.to_at', 'is', null)
    .execute();
  if (!household || seen.length === 0) throw notFound(translate(actor.locale, 'households.entity'), id);
  await updateVersioned(trx, {
    table: 'households',
    entity: translate(actor.locale, 'households.entity'),
    id,
    expectedVersion: version,
    values: {},
  });
  return household;
}

/** A sibling registered later (or found later) joins the household. */
export async function joinHouseholdIn(uow: UnitOfWork, id: string, childId: string, version: number, at: Date) {
  const { trx, actor } = uow;
  requireWrite(actor);
  const household = await lockHousehold(trx, actor, id, version);
  const [child] = await lockChildren(trx, actor, [childId], id);
  if (child!.household_id === id) return;
  if (child!.residence_code !== household.residence_code)
    throw new DomainError('households.places_differ', 400, { places: child!.residence_code }, [
      { path: 'body.childId', code: 'households.places_differ' },
    ]);
  await addChildren(uow, id, [childId], at);
  await linkOpenSiblingCasesIn(uow, [childId], at);
}

/** A child leaves the household (moved, adopted, the link was a mistake): dated, with the reason. */
export async function leaveHouseholdIn(
  uow: UnitOfWork,
  id: string,
  childId: string,
  input: { version: number; reason: string },
  at: Date,
) {
  const { trx, actor } = uow;
  requireWrite(actor);
  await lockHousehold(trx, actor, id, input.version);
  const ended = await trx
    .updateTable('household_children')
    .where(systemScope('the household locked above through childInScope'))
    .set({ to_at: at, ended_reason: input.reason })
    .where('household_id', '=', id)
    .where('child_id', '=', childId)
    .where('to_at', 'is', null)
    .returning('child_id')
    .execute();
  if (ended.length === 0)
    throw new DomainError('households.child_not_member', 400, { childId }, [
      { path: 'params.childId', code: 'households.child_not_member' },
    ]);
  await recordTimeline(trx, actor, {
    childId,
    kind: 'household.left',
    entityType: 'household',
    entityId: id,
    reason: input.reason,
    occurredAt: at,
  });
  uow.audit({ entityType: 'household', entityId: id, childId, details: { left: true } });
}

/** A proposed group a person judged not to be one family: remembered, not proposed again. */
export async function declineProposalIn(uow: UnitOfWork, childIds: readonly string[], reason: string) {
  const { trx, actor } = uow;
  requireWrite(actor);
  const sorted = [...new Set(childIds)].sort();
  await lockChildren(trx, actor, sorted, null);
  await trx
    .insertInto('household_link_decisions')
    .values({ child_ids: sorted, decision: 'declined', reason, decided_by: actor.userId })
    .onConflict((oc) => oc.column('child_ids').doNothing())
    .execute();
  uow.audit({ entityType: 'household_proposal', details: { childIds: sorted, declined: reason } });
}

async function householdChildIds(trx: Trx, id: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('household_children')
    .where(systemScope('the household the caller locked through childInScope'))
    .select('child_id')
    .where('household_id', '=', id)
    .where('to_at', 'is', null)
    .execute();
  return rows.map((r) => r.child_id);
}

/**
 * A situation of a person the siblings' files share (a father released from prison), entered once:
 * added to each copy named (at the version seen) — each file's categories are proposed again.
 */
export async function enterSharedSituationIn(uow: UnitOfWork, id: string, input: SharedSituationInput, at: Date) {
  const { trx, actor } = uow;
  requireWrite(actor);
  const household = await trx.selectFrom('households').select('version').where('id', '=', id).executeTakeFirst();
  if (!household) throw notFound(translate(actor.locale, 'households.entity'), id);
  await lockHousehold(trx, actor, id, household.version);
  const children = await householdChildIds(trx, id);
  const members = await trx
    .selectFrom('family_members')
    .where(systemScope('members checked against the household locked above'))
    .select(['id', 'child_id'])
    .where(
      'id',
      'in',
      input.members.map((m) => m.memberId),
    )
    .execute();
  input.members.forEach((m, index) => {
    const found = members.find((x) => x.id === m.memberId);
    if (!found || !children.includes(found.child_id))
      throw new DomainError('households.member_not_shared', 400, { memberId: m.memberId }, [
        { path: `body.members.${index}.memberId`, code: 'households.member_not_shared' },
      ]);
  });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
  const seen = new Map(input.members.map((m) => [m.memberId, m.version]));
  const covered = new Set<string>();
  for (const member of input.members) {
    if (covered.has(member.memberId)) continue;
    // The registry writes the person's other copies too: every named copy is checked before any write.
    const copies = await lockFamilyCopiesIn(uow, member.memberId);
    for (const copy of copies) {
      const version = seen.get(copy.id);
      if (version !== undefined && version !== copy.version)
        throw staleVersion(translate(actor.locale, 'households.member_entity'), copy.id, copy.version);
      covered.add(copy.id);
    }
    await addMemberSituationIn(
      uow,
      member.memberId,
      { version: member.version, situation: input.situation, reason: input.reason },
      today,
    );
  }
}

/** One home visit of the household: the form once, a visit recorded for each child named (default all). */
export async function recordHouseholdVisitIn(uow: UnitOfWork, id: string, input: HouseholdVisitInput, at: Date) {
  const { trx, actor } = uow;
  const household = await trx.selectFrom('households').select('id').where('id', '=', id).executeTakeFirst();
  if (!household) throw notFound(translate(actor.locale, 'households.entity'), id);
  const members = await householdChildIds(trx, id);
  const { childIds, ...form } = input;
  const named = childIds ? [...new Set(childIds)] : members;
  named.forEach((childId, index) => {
    if (!members.includes(childId))
      throw new DomainError('households.child_not_member', 400, { childId }, [
        { path: `body.childIds.${index}`, code: 'households.child_not_member' },
      ]);
  });
  const visits: { childId: string; visitId: string }[] = [];
  // Each child's visit goes through its own checks (scope, responsibility, dates) and clocks.
  for (const childId of named) visits.push({ childId, visitId: await recordVisitIn(uow, { ...form, childId }, at) });
  return visits;
}
