import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  AppointStaffInput,
  RemoveStaffInput,
  StaffView,
  UpdateStaffInput,
} from '../../contract/grassroots/roster.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { inJurisdiction, requireManage } from './access.js';
import { assignResidenceDirectors, childClocksFollowIn, endAssignments, placeBodiesOf } from './assignments.js';
import './messages.js';
import { placeFitsPost, postingChanges } from './rules.js';
import { readStaff } from './views.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

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
  await clocksFromPlaceBodies(uow, assigned, at);
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
    if (staff.post === 'village_director')
      await clocksFromPlaceBodies(uow, await assignResidenceDirectors(trx, actor, at, { villages: start }), at);
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
  // Their visit and assessment clocks go with them (to the new director, or the nearest body).
  const clocksMoved = await childClocksFollowIn(
    uow,
    ended.map((e) => ({
      childId: e.childId,
      from: { orgId: staff.organisation_id, userId: staff.user_id },
      toStaffId: reassigned.find((r) => r.childId === e.childId)?.staffId ?? null,
    })),
    at,
  );
  uow.audit({
    entityType: 'grassroots_staff',
    entityId: id,
    details: {
      removed: input.removedOn,
      childrenReleased: ended.length,
      childrenReassigned: reassigned.length,
      clocksMoved,
    },
  });
  return ended.length;
}

/** Children who get their first director: the clocks the village (township, county) body held pass to them. */
async function clocksFromPlaceBodies(uow: UnitOfWork, assigned: { childId: string; staffId: string }[], at: Date) {
  if (assigned.length === 0 || assigned.length > 5000) return;
  const places = await placeBodiesOf(
    uow.trx,
    assigned.map((a) => a.childId),
  );
  const moves = assigned.flatMap((a) => {
    const orgId = places.get(a.childId);
    return orgId ? [{ childId: a.childId, from: { orgId, userId: null }, toStaffId: a.staffId }] : [];
  });
  await childClocksFollowIn(uow, moves, at);
}

async function lockStaff(trx: Trx, actor: Actor, id: string) {
  const staff = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'name', 'post', 'status', 'division_code', 'appointed_on', 'organisation_id', 'user_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!staff || !inJurisdiction(actor, staff.division_code))
    throw notFound(translate(actor.locale, 'grassroots.entity'), id);
  return staff;
}

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

export {
  assignResidenceDirectors,
  reassignChild,
  reassignChildIn,
  responsibleDirectorIn,
  responsibleDirectorsIn,
  rosterEntryCoveringIn,
} from './assignments.js';
export { recordStaffRecordIn, staffWorkFactsIn } from './staff-records.js';
export { recordTrainingIn, setAttendanceIn } from './training.js';

/** The villages that had a village director posted on `day` (for the insight snapshots). */
export async function villagesWithDirectorOn(db: Db | Trx, day: string): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`
    SELECT DISTINCT p.division_code AS code FROM grassroots_postings p JOIN grassroots_staff s ON s.id = p.staff_id
    WHERE s.post = 'village_director' AND p.from_on <= ${day}::date AND (p.to_on IS NULL OR p.to_on > ${day}::date)`.execute(
    db,
  );
  return rows.map((row) => row.code);
}

/**
 * Village directors posted on `day` (for the insight snapshots), per village: how many, how many
 * attended a training session held in the twelve months up to `day`, and how many have their
 * appraisal for the year before `day`'s year recorded before `at`.
 */
export async function directorTrainingAndAppraisalOn(
  db: Db | Trx,
  day: string,
  at: Date,
): Promise<{ divisionCode: string; directors: number; trained: number; appraised: number }[]> {
  const { rows } = await sql<{ divisionCode: string; directors: number; trained: number; appraised: number }>`
    SELECT p.division_code AS "divisionCode", count(DISTINCT s.id)::int AS directors,
      count(DISTINCT s.id) FILTER (WHERE EXISTS (SELECT 1 FROM training_attendance ta
        JOIN training_sessions ts ON ts.id = ta.session_id
        WHERE ta.staff_id = s.id AND ts.held_on <= ${day}::date AND ts.held_on > ${day}::date - interval '1 year'))::int
        AS trained,
      count(DISTINCT s.id) FILTER (WHERE EXISTS (SELECT 1 FROM grassroots_appraisals ga
        WHERE ga.staff_id = s.id AND ga.year = extract(year FROM ${day}::date)::int - 1 AND ga.created_at < ${at})
      )::int AS appraised
    FROM grassroots_postings p JOIN grassroots_staff s ON s.id = p.staff_id
    WHERE s.post = 'village_director' AND p.from_on <= ${day}::date AND (p.to_on IS NULL OR p.to_on > ${day}::date)
    GROUP BY 1`.execute(db);
  return rows;
}
