import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  CreateTrainingInput,
  SetAttendanceInput,
  TrainingList,
  TrainingStatus,
  TrainingView,
} from '../../contract/grassroots/training.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { inJurisdiction, requireManage } from './access.js';
import './messages.js';
import { grassrootsRules } from './rule-sections.js';
import { placeInJurisdiction } from './views.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const day = (value: string | Date) => (value instanceof Date ? shanghaiDateOf(value) : String(value).slice(0, 10));

/** The attendees must be roster entries in the actor's area (each unknown one named by its place in the list). */
async function checkAttendees(trx: Trx, actor: Actor, attendees: readonly { staffId: string }[]) {
  const ids = [...new Set(attendees.map((a) => a.staffId))];
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'division_code'])
    .where('id', 'in', ids)
    .execute();
  attendees.forEach((a, i) => {
    const staff = found.find((f) => f.id === a.staffId);
    if (!staff || !inJurisdiction(actor, staff.division_code))
      throw new DomainError('grassroots.attendee_unknown', 400, { index: String(i + 1) }, [
        { path: `body.attendees.${i}.staffId`, code: 'grassroots.attendee_unknown' },
      ]);
  });
}

async function writeAttendance(trx: Trx, actor: Actor, sessionId: string, attendees: CreateTrainingInput['attendees']) {
  const unique = [...new Map(attendees.map((a) => [a.staffId, a])).values()];
  if (unique.length === 0) return;
  await trx
    .insertInto('training_attendance')
    .values(
      unique.map((a) => ({
        session_id: sessionId,
        staff_id: a.staffId,
        certificate_no: a.certificateNo ?? null,
        recorded_by: actor.userId,
      })),
    )
    .execute();
}

/** Records a training session held in the actor's area, with who attended (roster entries of the area). */
export async function recordTrainingIn(uow: UnitOfWork, input: CreateTrainingInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  requireManage(actor);
  if (!inJurisdiction(actor, input.divisionCode))
    throw new DomainError('grassroots.place_outside', 403, { code: input.divisionCode }, [
      { path: 'body.divisionCode', code: 'grassroots.place_outside', params: { code: input.divisionCode } },
    ]);
  if (input.heldOn > shanghaiDateOf(at))
    throw new DomainError('grassroots.date_future', 400, { date: input.heldOn }, [
      { path: 'body.heldOn', code: 'grassroots.date_future', params: { date: input.heldOn } },
    ]);
  const organisation = await trx
    .selectFrom('organisations')
    .select(['id', 'division_code'])
    .where('id', '=', input.organisationId)
    .executeTakeFirst();
  if (!organisation || !inJurisdiction(actor, organisation.division_code))
    throw new DomainError('grassroots.organisation_unknown', 400, { id: input.organisationId }, [
      { path: 'body.organisationId', code: 'grassroots.organisation_unknown' },
    ]);
  await checkAttendees(trx, actor, input.attendees);
  const row = await trx
    .insertInto('training_sessions')
    .values({
      topic: input.topic,
      held_on: input.heldOn,
      hours: input.hours,
      trainer: input.trainer,
      division_code: input.divisionCode,
      organisation_id: input.organisationId,
      certificate: input.certificate ?? null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAttendance(trx, actor, row.id, input.attendees);
  uow.audit({
    entityType: 'training_session',
    entityId: row.id,
    details: { topic: input.topic, attendees: input.attendees.length },
  });
  return row.id;
}

/** Replaces who attended a session (send the version you saw; stale → 409). */
export async function setAttendanceIn(uow: UnitOfWork, id: string, input: SetAttendanceInput, at: Date) {
  const { trx, actor } = uow;
  requireManage(actor);
  const session = await trx
    .selectFrom('training_sessions')
    .select(['id', 'version', 'division_code'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!session || !inJurisdiction(actor, session.division_code))
    throw notFound(translate(actor.locale, 'grassroots.training_entity'), id);
  if (session.version !== input.version)
    throw staleVersion(translate(actor.locale, 'grassroots.training_entity'), id, session.version);
  await checkAttendees(trx, actor, input.attendees);
  await trx.deleteFrom('training_attendance').where('session_id', '=', id).execute();
  await writeAttendance(trx, actor, id, input.attendees);
  await trx
    .updateTable('training_sessions')
    .set({ version: session.version + 1, updated_at: at })
    .where('id', '=', id)
    .execute();
  uow.audit({ entityType: 'training_session', entityId: id, details: { attendees: input.attendees.length } });
}

export async function readTraining(db: Db, actor: Actor, id: string): Promise<TrainingView> {
  const [view] = await presentTrainings(db, actor, [id]);
  if (!view) throw notFound(translate(actor.locale, 'grassroots.training_entity'), id);
  return view;
}

async function presentTrainings(db: Db, actor: Actor, ids: readonly string[]): Promise<TrainingView[]> {
  if (ids.length === 0) return [];
  const sessions = await db
    .selectFrom('training_sessions as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .selectAll('t')
    .select('o.name as organisation_name')
    .where('t.id', 'in', [...ids])
    .where(placeInJurisdiction(actor, 't.division_code'))
    .orderBy('t.held_on', 'desc')
    .execute();
  const attendance = await db
    .selectFrom('training_attendance as a')
    .innerJoin('grassroots_staff as s', 's.id', 'a.staff_id')
    .select(['a.session_id', 'a.staff_id', 'a.certificate_no', 's.name', 's.post'])
    .where('a.session_id', 'in', [...ids])
    .orderBy('s.name')
    .execute();
  return sessions.map((t) => ({
    id: t.id,
    topic: t.topic,
    heldOn: day(t.held_on),
    hours: Number(t.hours),
    trainer: t.trainer,
    organisationId: t.organisation_id,
    organisationName: t.organisation_name,
    divisionCode: t.division_code,
    certificate: t.certificate,
    version: t.version,
    attendees: attendance
      .filter((a) => a.session_id === t.id)
      .map((a) => ({ staffId: a.staff_id, name: a.name, post: a.post, certificateNo: a.certificate_no })),
  }));
}

/** Training sessions held in my area, newest first. */
export async function listTrainings(db: Db, actor: Actor): Promise<TrainingList> {
  const ids = await db
    .selectFrom('training_sessions')
    .select('id')
    .where(placeInJurisdiction(actor, 'division_code'))
    .orderBy('held_on', 'desc')
    .limit(200)
    .execute();
  return {
    items: await presentTrainings(
      db,
      actor,
      ids.map((r) => r.id),
    ),
  };
}

/**
 * Who has never been trained and who is overloaded: each active roster entry of my area with the
 * hours before Haven, the sessions attended, and the children assigned against the place's threshold.
 */
export async function trainingStatus(db: Db, actor: Actor, now: Date): Promise<TrainingStatus> {
  const rows = await db
    .selectFrom('grassroots_staff as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select([
      's.id',
      's.name',
      's.post',
      's.division_code',
      's.training_hours',
      'o.name as organisation_name',
      sql<number>`(SELECT count(*)::int FROM training_attendance a WHERE a.staff_id = s.id)`.as('sessions'),
      sql<string>`(SELECT coalesce(sum(t.hours), 0)::text FROM training_attendance a JOIN training_sessions t ON t.id = a.session_id WHERE a.staff_id = s.id)`.as(
        'session_hours',
      ),
      sql<
        string | null
      >`(SELECT max(t.held_on)::text FROM training_attendance a JOIN training_sessions t ON t.id = a.session_id WHERE a.staff_id = s.id)`.as(
        'last_on',
      ),
    ])
    .where('s.status', '=', 'active')
    .where(placeInJurisdiction(actor, 's.division_code'))
    .orderBy('s.division_code')
    .orderBy('s.name')
    .execute();
  const ids = rows.map((r) => r.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('child_assignments as a')
          .innerJoin('children', 'children.id', 'a.child_id')
          .where(childInScope(actor))
          .select(['a.staff_id', sql<number>`count(*)::int`.as('n')])
          .where('a.staff_id', 'in', ids)
          .where('a.to_at', 'is', null)
          .groupBy('a.staff_id')
          .execute();
  const resolver = await loadRuleSets(db);
  const today = shanghaiDateOf(now);
  const threshold = (code: string) => resolver.for(code, today).get(grassrootsRules).overloadChildren;
  return {
    overloadThreshold: threshold(actor.jurisdiction[0] ?? '000000000000'),
    items: rows.map((r) => {
      const children = counts.find((c) => c.staff_id === r.id)?.n ?? 0;
      const hoursBefore = Number(r.training_hours);
      return {
        staffId: r.id,
        name: r.name,
        post: r.post,
        divisionCode: r.division_code,
        organisationName: r.organisation_name,
        hoursBefore,
        sessions: r.sessions,
        sessionHours: Number(r.session_hours),
        lastTrainedOn: r.last_on,
        neverTrained: r.sessions === 0 && hoursBefore === 0,
        childrenAssigned: children,
        overloaded: r.post === 'village_director' && children > threshold(r.division_code),
      };
    }),
  };
}

export async function recordTraining(db: Db, actor: Actor, input: CreateTrainingInput, key?: string) {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'training.record',
    (uow) => recordTrainingIn(uow, input, new Date()),
    key ? { key, request: input } : undefined,
  );
  return { view: await readTraining(db, actor, result), replayed };
}

export async function setAttendance(db: Db, actor: Actor, id: string, input: SetAttendanceInput) {
  await unitOfWork(db, actor, 'training.attendance', (uow) => setAttendanceIn(uow, id, input, new Date()));
  return readTraining(db, actor, id);
}
