import { sql, type Transaction } from 'kysely';
import type {
  RecordEntrustedCareInput,
  RecordParentContactInput,
  UpdateEntrustedCareInput,
} from '../../contract/visits/entrusted-care.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { entrustedCareRules } from './entrusted-rules.js';
import { lockChild, requireResponsible } from './responsible.js';
import { endOfDay } from './rules.js';
import { scheduledChildren } from './schedule.js';
import './entrusted-tables.js';
import './messages.js';

type Trx = Transaction<Database>;

const dateProblem = (code: string, path: string, date: string, params: Record<string, string> = {}) =>
  new DomainError(code, 400, { date, ...params }, [{ path, code, params: { date, ...params } }]);

function refuseFuture(date: string | null | undefined, path: string, today: string): void {
  if (date && date > today) throw dateProblem('visits.date_future', path, date, { today });
}

/** Starts one of a care's clocks, owned like the child's visit clocks (its director, else the nearest body). */
async function startCareClock(
  trx: Trx,
  care: { id: string; childId: string },
  rule: 'entrusted.contact' | 'entrusted.notice',
  from: Date,
  duration: { days: number } | { workingDays: number },
): Promise<void> {
  const day = shanghaiDateOf(from);
  const [child] = await scheduledChildren(trx, [care.childId], day);
  if (!child?.ownerOrgId) return;
  const rules = await ruleSetFor(trx, child.residenceCode, day);
  await startClock(trx, rules, {
    rule,
    ownerOrgId: child.ownerOrgId,
    ownerUserId: child.ownerUserId,
    subjectType: 'entrusted_care',
    subjectId: care.id,
    childId: care.childId,
    divisionCode: child.residenceCode,
    startedAt: from,
    duration,
    escalationHours: rules.get(entrustedCareRules).escalationHours,
  });
}

async function isLeftBehind(trx: Trx, childId: string, day: string): Promise<boolean> {
  const row = await trx
    .selectFrom('child_categories')
    .where(systemScope('categories of a child locked through childInScope'))
    .select('child_id')
    .where('child_id', '=', childId)
    .where('category', '=', 'left_behind')
    .where('state', '=', 'confirmed')
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', day)]))
    .executeTakeFirst();
  return Boolean(row);
}

async function childIsActive(trx: Trx, childId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('children')
    .where(systemScope('a child locked through childInScope'))
    .select('status')
    .where('id', '=', childId)
    .executeTakeFirst();
  return row?.status === 'active';
}

/**
 * Records the entrusted carer of a left-behind child (its director, a supervisor of its township or
 * a roster officer): the weekly parent-contact clock starts from the care's start, and, while either
 * written notice (school, village committee) is missing, a notice clock. One current care per child.
 */
export async function recordEntrustedCareIn(
  uow: UnitOfWork,
  childId: string,
  input: RecordEntrustedCareInput,
  at: Date,
): Promise<string> {
  const { trx, actor } = uow;
  const child = await lockChild(trx, actor, childId);
  if (child.status !== 'active') throw new DomainError('visits.child_inactive', 409, { status: child.status });
  await requireResponsible(trx, actor, child);
  const today = shanghaiDateOf(at);
  refuseFuture(input.startedOn, 'body.startedOn', today);
  refuseFuture(input.noticeSchoolOn, 'body.noticeSchoolOn', today);
  refuseFuture(input.noticeVillageOn, 'body.noticeVillageOn', today);
  if (!(await isLeftBehind(trx, child.id, today))) throw conflict('visits.entrusted_not_left_behind');
  const current = await trx
    .selectFrom('entrusted_care')
    .where(systemScope('the care of a child locked through childInScope'))
    .select(['id', 'carer_name'])
    .where('child_id', '=', child.id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  if (current) throw conflict('visits.entrusted_exists', { carer: current.carer_name });
  const row = await trx
    .insertInto('entrusted_care')
    .values({
      child_id: child.id,
      carer_name: input.carerName,
      carer_relation: input.carerRelation,
      carer_phone: input.carerPhone ?? null,
      capacity: input.capacity,
      capacity_note: input.capacityNote ?? null,
      started_on: input.startedOn,
      notice_school_on: input.noticeSchoolOn ?? null,
      notice_village_on: input.noticeVillageOn ?? null,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const care = { id: row.id, childId: child.id };
  const rules = (await ruleSetFor(trx, child.residence_code, today)).get(entrustedCareRules);
  await startCareClock(trx, care, 'entrusted.contact', endOfDay(input.startedOn), { days: rules.contactEveryDays });
  if (!input.noticeSchoolOn || !input.noticeVillageOn)
    await startCareClock(trx, care, 'entrusted.notice', endOfDay(input.startedOn), {
      workingDays: rules.noticeWorkingDays,
    });
  await recordTimeline(trx, actor, {
    childId: child.id,
    kind: 'entrusted_care.recorded',
    entityType: 'entrusted_care',
    entityId: row.id,
    after: { carerRelation: input.carerRelation, capacity: input.capacity, startedOn: input.startedOn },
    occurredAt: at,
  });
  uow.audit({
    entityType: 'entrusted_care',
    entityId: row.id,
    childId: child.id,
    details: { capacity: input.capacity },
  });
  return row.id;
}

async function careInScope(uow: UnitOfWork, careId: string) {
  const { trx, actor } = uow;
  const care = await trx
    .selectFrom('entrusted_care')
    .innerJoin('children', 'children.id', 'entrusted_care.child_id')
    .where(childInScope(actor))
    .selectAll('entrusted_care')
    .where('entrusted_care.id', '=', careId)
    .executeTakeFirst();
  if (!care) throw notFound(translate(actor.locale, 'visits.entrusted_entity'), careId);
  const child = await lockChild(trx, actor, care.child_id);
  await requireResponsible(trx, actor, child);
  return care;
}

/**
 * Corrects a care (the notices as they arrive, the carer's capacity) or ends it, at the version seen
 * (stale → 409). Both notices recorded stop the notice clock; an end stops every clock of the care.
 */
export async function updateEntrustedCareIn(
  uow: UnitOfWork,
  careId: string,
  input: UpdateEntrustedCareInput,
  at: Date,
): Promise<string> {
  const { trx, actor } = uow;
  const care = await careInScope(uow, careId);
  if (care.ended_on) throw conflict('visits.entrusted_ended', { endedOn: care.ended_on });
  const today = shanghaiDateOf(at);
  refuseFuture(input.noticeSchoolOn, 'body.noticeSchoolOn', today);
  refuseFuture(input.noticeVillageOn, 'body.noticeVillageOn', today);
  refuseFuture(input.end?.on, 'body.end.on', today);
  if (input.end && input.end.on < care.started_on)
    throw dateProblem('visits.entrusted_end_before_start', 'body.end.on', input.end.on, { startedOn: care.started_on });
  const columns = {
    carerPhone: 'carer_phone',
    capacity: 'capacity',
    capacityNote: 'capacity_note',
    noticeSchoolOn: 'notice_school_on',
    noticeVillageOn: 'notice_village_on',
  } as const;
  const values: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns))
    if (input[field as keyof typeof columns] !== undefined) values[column] = input[field as keyof typeof columns];
  if (input.end) Object.assign(values, { ended_on: input.end.on, ended_reason: input.end.reason });
  const updated = await updateVersioned<
    { version: number; notice_school_on: string | null; notice_village_on: string | null },
    Database
  >(trx, {
    table: 'entrusted_care',
    entity: translate(actor.locale, 'visits.entrusted_entity'),
    id: careId,
    expectedVersion: input.version,
    values,
  });
  if (input.end) await stopClocks(trx, { subjectId: careId, rules: 'every rule' }, at);
  else if (updated.notice_school_on && updated.notice_village_on)
    await stopClocks(trx, { subjectId: careId, rules: ['entrusted.notice'] }, at);
  await recordTimeline(trx, actor, {
    childId: care.child_id,
    kind: input.end ? 'entrusted_care.ended' : 'entrusted_care.corrected',
    entityType: 'entrusted_care',
    entityId: careId,
    details: { fields: Object.keys(values) },
    occurredAt: at,
  });
  uow.audit({
    entityType: 'entrusted_care',
    entityId: careId,
    childId: care.child_id,
    details: { fields: Object.keys(values) },
  });
  return care.child_id;
}

/**
 * Records a parent's contact with the child (phone, video, in person): the contact clock it meets
 * stops and the next one is due `contactEveryDays` after the latest contact. Dated in the future or
 * before the care began → 400; an ended care → 409.
 */
export async function recordParentContactIn(
  uow: UnitOfWork,
  careId: string,
  input: RecordParentContactInput,
  at: Date,
): Promise<string> {
  const { trx, actor } = uow;
  const care = await careInScope(uow, careId);
  if (care.ended_on) throw conflict('visits.entrusted_ended', { endedOn: care.ended_on });
  const today = shanghaiDateOf(at);
  refuseFuture(input.contactedOn, 'body.contactedOn', today);
  if (input.contactedOn < care.started_on)
    throw dateProblem('visits.entrusted_contact_before_start', 'body.contactedOn', input.contactedOn, {
      startedOn: care.started_on,
    });
  const latest = await trx
    .selectFrom('entrusted_care_contacts')
    .where(systemScope('contacts of a care whose child was locked through childInScope'))
    .select(sql<string | null>`max(contacted_on)::text`.as('on'))
    .where('care_id', '=', careId)
    .executeTakeFirst();
  const row = await trx
    .insertInto('entrusted_care_contacts')
    .values({
      care_id: careId,
      child_id: care.child_id,
      contacted_on: input.contactedOn,
      parent: input.parent,
      channel: input.channel,
      note: input.note ?? null,
      recorded_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The weekly clock is owed to a left-behind child: once the category has ended (the sweep closed
  // the clock) a contact is recorded but starts none.
  const owed = (await isLeftBehind(trx, care.child_id, today)) && (await childIsActive(trx, care.child_id));
  if (owed && (!latest?.on || input.contactedOn >= latest.on)) {
    const metAt = new Date(Math.min(at.getTime(), new Date(`${input.contactedOn}T12:00:00+08:00`).getTime()));
    await stopClocks(trx, { subjectId: careId, rules: ['entrusted.contact'] }, metAt);
    const [child] = await scheduledChildren(trx, [care.child_id], today);
    const rules = (await ruleSetFor(trx, child?.residenceCode ?? '000000000000', today)).get(entrustedCareRules);
    await startCareClock(
      trx,
      { id: careId, childId: care.child_id },
      'entrusted.contact',
      endOfDay(input.contactedOn),
      {
        days: rules.contactEveryDays,
      },
    );
  }
  await recordTimeline(trx, actor, {
    childId: care.child_id,
    kind: 'entrusted_care.contact',
    entityType: 'entrusted_care',
    entityId: careId,
    after: { contactedOn: input.contactedOn, parent: input.parent, channel: input.channel },
    occurredAt: at,
  });
  uow.audit({ entityType: 'entrusted_care_contact', entityId: row.id, childId: care.child_id, details: {} });
  return care.child_id;
}
