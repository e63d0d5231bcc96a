import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  AppointStaffInput,
  ReassignChildInput,
  RemoveStaffInput,
  StaffView,
  UpdateStaffInput,
} from '../../contract/grassroots/roster.js';
import { isWithin } from '../../core/places.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { assignResidenceDirectors, endAssignments } from './assignments.js';
import { reassignClocks } from '../../core/clocks/index.js';
import './messages.js';
import { placeFitsPost, postingChanges } from './rules.js';
import { readStaff } from './views.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const inJurisdiction = (actor: Actor, code: string) =>
  actor.kind === 'system' || actor.jurisdiction.some((j) => isWithin(code, j));

function requireManage(actor: Actor): void {
  if (!hasPermission(actor, 'roster.manage')) throw forbidden('roster.manage');
}

async function checkPlaces(trx: Trx, actor: Actor, post: AppointStaffInput['post'], codes: readonly string[]) {
  const known = await trx
    .selectFrom('divisions')
    .select('code')
    .where('code', 'in', [...codes])
    .where('valid_to', 'is', null)
    .execute();
  codes.forEach((code, i) => {
    const path = `body.divisionCodes.${i}`;
    if (!known.some((k) => k.code === code) || !placeFitsPost(post, code))
      throw new DomainError('grassroots.place_unfit', 400, { code, post }, [
        { path, code: 'grassroots.place_unfit', params: { code } },
      ]);
    if (!inJurisdiction(actor, code))
      throw new DomainError('grassroots.place_outside', 403, { code }, [
        { path, code: 'grassroots.place_outside', params: { code } },
      ]);
  });
}

/** Appoints a director (villages) or supervisor (township) in the actor's area; children of the villages get the director. */
export async function appointStaffIn(uow: UnitOfWork, input: AppointStaffInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  requireManage(actor);
  const codes = [...new Set(input.divisionCodes)];
  await checkPlaces(trx, actor, input.post, codes);
  const organisation = await trx
    .selectFrom('organisations')
    .select(['id', 'division_code'])
    .where('id', '=', input.organisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!organisation || !inJurisdiction(actor, organisation.division_code))
    throw new DomainError('grassroots.organisation_unknown', 400, { id: input.organisationId }, [
      { path: 'body.organisationId', code: 'grassroots.organisation_unknown' },
    ]);
  if (input.userId) {
    const user = await trx
      .selectFrom('users')
      .select('organisation_id')
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (user?.organisation_id !== input.organisationId)
      throw new DomainError('grassroots.user_elsewhere', 400, {}, [
        { path: 'body.userId', code: 'grassroots.user_elsewhere' },
      ]);
  }
  if (input.appointedOn > shanghaiDateOf(at))
    throw new DomainError('grassroots.date_future', 400, { date: input.appointedOn }, [
      { path: 'body.appointedOn', code: 'grassroots.date_future', params: { date: input.appointedOn } },
    ]);
  const staff = await trx
    .insertInto('grassroots_staff')
    .values({
      post: input.post,
      name: input.name,
      user_id: input.userId ?? null,
      organisation_id: input.organisationId,
      division_code: codes[0]!,
      phone: input.phone ?? null,
      employment: input.employment,
      other_duties: input.otherDuties ?? null,
      training_hours: input.trainingHours ?? 0,
      appointed_on: input.appointedOn,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505')
        throw conflict('grassroots.already_on_roster', {}, [
          { path: 'body.userId', code: 'grassroots.already_on_roster' },
        ]);
      throw error;
    });
  await trx
    .insertInto('grassroots_postings')
    .values(
      codes.map((code) => ({
        staff_id: staff.id,
        division_code: code,
        from_on: input.appointedOn,
        reason: 'appointed',
        recorded_by: actor.userId,
      })),
    )
    .execute();
  const assigned =
    input.post === 'village_director' ? await assignResidenceDirectors(trx, actor, at, { villages: codes }) : [];
  uow.audit({
    entityType: 'grassroots_staff',
    entityId: staff.id,
    details: { post: input.post, places: codes, childrenAssigned: assigned.length },
  });
  return staff.id;
}

/** Edits a roster entry (stale version → 409); a new set of places ends old postings and opens new ones. */
export async function updateStaffIn(uow: UnitOfWork, id: string, input: UpdateStaffInput, at: Date): Promise<void> {
  const { trx, actor } = uow;
  requireManage(actor);
  const staff = await lockStaff(trx, actor, id);
  if (staff.status !== 'active') throw conflict('grassroots.staff_removed', { name: staff.name });
  const values: Record<string, unknown> = {};
  if (input.employment !== undefined) values.employment = input.employment;
  if (input.otherDuties !== undefined) values.other_duties = input.otherDuties;
  if (input.phone !== undefined) values.phone = input.phone;
  if (input.trainingHours !== undefined) values.training_hours = input.trainingHours;
  if (input.divisionCodes) values.division_code = input.divisionCodes[0];
  await updateVersioned(trx, {
    table: 'grassroots_staff',
    entity: translate(actor.locale, 'grassroots.entity'),
    id,
    expectedVersion: input.version,
    values,
  });
  if (input.divisionCodes) {
    const codes = [...new Set(input.divisionCodes)];
    await checkPlaces(trx, actor, staff.post, codes);
    const changedOn = input.changedOn ?? shanghaiDateOf(at);
    const open = await trx
      .selectFrom('grassroots_postings')
      .select('division_code')
      .where('staff_id', '=', id)
      .where('to_on', 'is', null)
      .execute();
    const { end, start } = postingChanges(
      open.map((p) => p.division_code),
      codes,
    );
    if (end.length > 0)
      await trx
        .updateTable('grassroots_postings')
        .set({ to_on: changedOn, reason: input.reason ?? 'changed' })
        .where('staff_id', '=', id)
        .where('to_on', 'is', null)
        .where('division_code', 'in', end)
        .execute();
    if (start.length > 0)
      await trx
        .insertInto('grassroots_postings')
        .values(
          start.map((code) => ({
            staff_id: id,
            division_code: code,
            from_on: changedOn,
            reason: input.reason ?? 'changed',
            recorded_by: actor.userId,
          })),
        )
        .execute();
    if (staff.post === 'village_director') await assignResidenceDirectors(trx, actor, at, { villages: start });
  }
  uow.audit({ entityType: 'grassroots_staff', entityId: id, details: { changed: Object.keys(values) } });
}

/**
 * Removes a person from the roster: postings end, and each child they answered for passes to
 * another director of its village (recorded as `director_removed`) or is left without one — the
 * coverage page then names the gap. Both are on the child's timeline.
 */
export async function removeStaffIn(uow: UnitOfWork, id: string, input: RemoveStaffInput, at: Date): Promise<number> {
  const { trx, actor } = uow;
  requireManage(actor);
  const staff = await lockStaff(trx, actor, id);
  if (staff.status !== 'active') throw conflict('grassroots.staff_removed', { name: staff.name });
  if (input.removedOn > shanghaiDateOf(at) || input.removedOn < staff.appointed_on)
    throw new DomainError('grassroots.removal_date', 400, { date: input.removedOn }, [
      { path: 'body.removedOn', code: 'grassroots.removal_date', params: { date: input.removedOn } },
    ]);
  await updateVersioned(trx, {
    table: 'grassroots_staff',
    entity: translate(actor.locale, 'grassroots.entity'),
    id,
    expectedVersion: input.version,
    values: { status: 'removed', removed_on: input.removedOn, removal_reason: input.reason },
  });
  await trx
    .updateTable('grassroots_postings')
    .set({ to_on: input.removedOn, reason: input.reason })
    .where('staff_id', '=', id)
    .where('to_on', 'is', null)
    .execute();
  const ended = await endAssignments(trx, { staffId: id }, at, 'director_removed');
  if (ended.length > 0)
    await recordTimeline(
      trx,
      actor,
      ended.map((e) => ({
        childId: e.childId,
        kind: 'assignment.ended',
        entityType: 'assignment',
        entityId: id,
        reason: input.reason,
        details: { staffId: id, endedReason: 'director_removed' },
        occurredAt: at,
      })),
    );
  const children = await trx
    .selectFrom('children')
    .where(systemScope('children whose assignments this unit of work just ended'))
    .select('residence_code')
    .distinct()
    .where('id', 'in', ended.length > 0 ? ended.map((e) => e.childId) : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  const reassigned = await assignResidenceDirectors(trx, actor, at, {
    villages: children.map((c) => c.residence_code),
    reason: 'director_removed',
    note: staff.name,
  });
  uow.audit({
    entityType: 'grassroots_staff',
    entityId: id,
    details: { removed: input.removedOn, childrenReleased: ended.length, childrenReassigned: reassigned.length },
  });
  return ended.length;
}

/** Makes another director responsible for a child in my scope (the assignment I saw must still be current). */
export async function reassignChildIn(uow: UnitOfWork, childId: string, input: ReassignChildInput, at: Date) {
  const { trx, actor } = uow;
  requireManage(actor);
  const child = await trx
    .selectFrom('children')
    .select(['id'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'grassroots.child_entity'), childId);
  const current = await trx
    .selectFrom('child_assignments')
    .where(systemScope('the assignment of the child locked above through childInScope'))
    .select(['id', 'staff_id'])
    .where('child_id', '=', childId)
    .where('to_at', 'is', null)
    .executeTakeFirst();
  if ((current?.id ?? null) !== input.expectedAssignmentId)
    throw conflict('grassroots.assignment_changed', {}, [
      { path: 'body.expectedAssignmentId', code: 'grassroots.assignment_changed' },
    ]);
  const staff = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'division_code', 'post', 'status'])
    .where('id', '=', input.staffId)
    .executeTakeFirst();
  if (staff?.post !== 'village_director' || staff.status !== 'active' || !inJurisdiction(actor, staff.division_code))
    throw new DomainError('grassroots.director_unknown', 400, { id: input.staffId }, [
      { path: 'body.staffId', code: 'grassroots.director_unknown' },
    ]);
  if (current?.staff_id === staff.id) return current.id;
  if (current) await endAssignments(trx, { childId }, at, 'reassigned');
  // The child's visit and assessment clocks follow the director (core/clocks, audited there).
  if (current)
    await reassignClocks(uow, {
      childId,
      subjectTypes: ['visit', 'assessment'],
      ...(await owners(trx, current.staff_id, staff.id)),
      at,
    });
  const row = await trx
    .insertInto('child_assignments')
    .values({
      child_id: childId,
      staff_id: staff.id,
      from_at: at,
      reason: 'reassigned',
      note: input.reason,
      recorded_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, actor, {
    childId,
    kind: 'assignment.started',
    entityType: 'assignment',
    entityId: row.id,
    reason: input.reason,
    before: current ? { staffId: current.staff_id } : null,
    after: { staffId: staff.id },
    occurredAt: at,
  });
  uow.audit({ entityType: 'child_assignment', entityId: row.id, childId, details: { staffId: staff.id } });
  return row.id;
}

/** The clock owners of two directors: their organisation, and their account (null: none). */
async function owners(trx: Trx, fromStaffId: string, toStaffId: string) {
  const rows = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'organisation_id', 'user_id'])
    .where('id', 'in', [fromStaffId, toStaffId])
    .execute();
  const ownerOf = (id: string) => {
    const row = rows.find((r) => r.id === id)!;
    return { orgId: row.organisation_id, userId: row.user_id };
  };
  return { from: ownerOf(fromStaffId), to: ownerOf(toStaffId) };
}

async function lockStaff(trx: Trx, actor: Actor, id: string) {
  const staff = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'name', 'post', 'status', 'division_code', 'appointed_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!staff || !inJurisdiction(actor, staff.division_code))
    throw notFound(translate(actor.locale, 'grassroots.entity'), id);
  return staff;
}

/** Who answers for a child's visits: its current director (roster entry and account), if any. */
export async function responsibleDirectorIn(
  trx: Trx | Db,
  childId: string,
): Promise<{ staffId: string; userId: string | null; organisationId: string; name: string } | null> {
  const row = await trx
    .selectFrom('child_assignments as a')
    .where(systemScope('keyed by a child the caller read through childInScope'))
    .innerJoin('grassroots_staff as s', 's.id', 'a.staff_id')
    .select(['s.id', 's.user_id', 's.organisation_id', 's.name'])
    .where('a.child_id', '=', childId)
    .where('a.to_at', 'is', null)
    .where('s.status', '=', 'active')
    .executeTakeFirst();
  return row ? { staffId: row.id, userId: row.user_id, organisationId: row.organisation_id, name: row.name } : null;
}

/** The active roster entry of a user in a post covering a place (a supervisor covers its township's villages). */
export async function rosterEntryCoveringIn(
  trx: Trx | Db,
  userId: string,
  divisionCode: string,
): Promise<{ staffId: string; post: string; name: string } | null> {
  const row = await trx
    .selectFrom('grassroots_staff as s')
    .innerJoin('grassroots_postings as p', 'p.staff_id', 's.id')
    .select(['s.id', 's.post', 's.name'])
    .where('s.user_id', '=', userId)
    .where('s.status', '=', 'active')
    .where('p.to_on', 'is', null)
    .where(sql<boolean>`starts_with(${divisionCode}, rtrim(p.division_code, '0'))`)
    .orderBy('s.post')
    .executeTakeFirst();
  return row ? { staffId: row.id, post: row.post, name: row.name } : null;
}

export { assignResidenceDirectors };

export async function appointStaff(db: Db, actor: Actor, input: AppointStaffInput, key?: string) {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'roster.appoint',
    (uow) => appointStaffIn(uow, input, new Date()),
    key ? { key, request: input } : undefined,
  );
  return { view: (await readStaff(db, actor, result)) as StaffView, replayed };
}

export async function updateStaff(db: Db, actor: Actor, id: string, input: UpdateStaffInput) {
  await unitOfWork(db, actor, 'roster.update', (uow) => updateStaffIn(uow, id, input, new Date()));
  return readStaff(db, actor, id);
}

export async function removeStaff(db: Db, actor: Actor, id: string, input: RemoveStaffInput, key?: string) {
  await unitOfWork(
    db,
    actor,
    'roster.remove',
    (uow) => removeStaffIn(uow, id, input, new Date()),
    key ? { key, request: { id, ...input } } : undefined,
  );
  return readStaff(db, actor, id);
}

export async function reassignChild(db: Db, actor: Actor, childId: string, input: ReassignChildInput, key?: string) {
  const { replayed } = await unitOfWork(
    db,
    actor,
    'roster.reassign',
    (uow) => reassignChildIn(uow, childId, input, new Date()),
    key ? { key, request: { childId, ...input } } : undefined,
  );
  return { replayed };
}

export {
  recordStaffRecordIn,
  recordTrainingIn,
  setAttendanceIn,
  staffWorkFactsIn,
} from './training.js';
