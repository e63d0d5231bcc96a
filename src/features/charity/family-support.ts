import type { Kysely } from 'kysely';
import type {
  FamilySupportView,
  GuardianTrainingView,
  ReferGuardianInput,
  TrainingOutcomeInput,
} from '../../contract/charity/family.js';
import { trainingNext } from '../../contract/charity/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { sessionsOfChildIn } from '../projects/service.js';
import { listGuidanceOrders } from './guidance.js';
import { listNeeds } from './views.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | UnitOfWork['trx'];

async function childSeen(db: Db, actor: Actor, childId: string) {
  const child = await db
    .selectFrom('children')
    .select(['id', 'residence_code'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'charity.child_entity'), childId);
  return child;
}

const future = (path: string, date: string) =>
  new DomainError('charity.date_future', 400, { date }, [{ path, code: 'charity.date_future' }]);

/** Refers a guardian of a child I see to vocational training (the family's earning capacity, §4.1). */
export async function referGuardianIn(
  uow: UnitOfWork,
  childId: string,
  input: ReferGuardianInput,
  at: Date,
): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'cases.act')) throw forbidden('cases.act');
  if (!actor.organisationId) throw new DomainError('charity.needs_organisation', 400);
  const child = await childSeen(trx, actor, childId);
  if (input.referredOn > shanghaiDateOf(at)) throw future('body.referredOn', input.referredOn);
  const { id } = await trx
    .insertInto('guardian_trainings')
    .values({
      child_id: child.id,
      guardian: input.guardian,
      course: input.course,
      provider: input.provider,
      referred_on: input.referredOn,
      status: 'referred',
      owner_org_id: actor.organisationId,
      division_code: child.residence_code,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordTimeline(trx, actor, {
    childId: child.id,
    occurredAt: at,
    kind: 'training.refer',
    entityType: 'guardian_training',
    entityId: id,
    after: { guardian: input.guardian, course: input.course, provider: input.provider },
  });
  uow.audit({ entityType: 'guardian_training', entityId: id, childId: child.id, details: { course: input.course } });
  return id;
}

export async function referGuardian(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  input: ReferGuardianInput,
  key?: string,
): Promise<{ view: GuardianTrainingView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'training.refer',
    (uow) => referGuardianIn(uow, childId, input, new Date()),
    key ? { key: `training:${key}`, request: { childId, ...input } } : undefined,
  );
  return { view: await readTraining(db, actor, result), replayed };
}

/** Enrolment, completion or dropping out: only forward (409 naming what is allowed), on the version seen. */
export async function recordTrainingOutcomeIn(
  uow: UnitOfWork,
  id: string,
  input: TrainingOutcomeInput,
  at: Date,
): Promise<void> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'cases.act')) throw forbidden('cases.act');
  const training = await trainingRows(trx, actor)
    .where('guardian_trainings.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!training) throw notFound(translate(actor.locale, 'charity.training_entity'), id);
  const allowed = trainingNext[training.status];
  if (!allowed.includes(input.status))
    throw conflict('charity.training_transition', {
      status: training.status,
      next: input.status,
      allowed:
        allowed
          .map((next) => translate(actor.locale, `charity.training.${next}`))
          .join(actor.locale === 'en' ? ', ' : '、') || '—',
    });
  if (input.on > shanghaiDateOf(at)) throw future('body.on', input.on);
  await updateVersioned(trx, {
    table: 'guardian_trainings',
    entity: translate(actor.locale, 'charity.training_entity'),
    id,
    expectedVersion: input.expectedVersion,
    values: {
      status: input.status,
      ...(input.status === 'enrolled' ? { enrolled_on: input.on } : { ended_on: input.on }),
      note: input.note ?? training.note,
    },
  });
  await recordTimeline(trx, actor, {
    childId: training.child_id,
    occurredAt: at,
    kind: `training.${input.status}`,
    entityType: 'guardian_training',
    entityId: id,
    after: { course: training.course, on: input.on },
  });
  uow.audit({ entityType: 'guardian_training', entityId: id, childId: training.child_id, details: input });
}

export async function recordTrainingOutcome(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: TrainingOutcomeInput,
): Promise<GuardianTrainingView> {
  await unitOfWork(db, actor, 'training.outcome', (uow) => recordTrainingOutcomeIn(uow, id, input, new Date()));
  return readTraining(db, actor, id);
}

function trainingRows(db: Db, actor: Actor) {
  return db
    .selectFrom('guardian_trainings')
    .innerJoin('children', 'children.id', 'guardian_trainings.child_id')
    .where(childInScope(actor))
    .selectAll('guardian_trainings');
}

function present(row: {
  id: string;
  child_id: string;
  guardian: string;
  course: string;
  provider: string;
  referred_on: unknown;
  status: GuardianTrainingView['status'];
  enrolled_on: unknown;
  ended_on: unknown;
  note: string | null;
  version: number;
}): GuardianTrainingView {
  const day = (value: unknown) => (value === null ? null : String(value));
  return {
    id: row.id,
    childId: row.child_id,
    guardian: row.guardian,
    course: row.course,
    provider: row.provider,
    referredOn: String(row.referred_on),
    status: row.status,
    enrolledOn: day(row.enrolled_on),
    endedOn: day(row.ended_on),
    note: row.note,
    version: row.version,
    allowedNext: [...trainingNext[row.status]],
  };
}

async function readTraining(db: Db, actor: Actor, id: string): Promise<GuardianTrainingView> {
  const row = await trainingRows(db, actor).where('guardian_trainings.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'charity.training_entity'), id);
  return present(row);
}

/** The family's support on the child's file: needs, guidance orders, sessions delivered, guardians' training. */
export async function readFamilySupport(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
): Promise<FamilySupportView> {
  await childSeen(db, actor, childId);
  const [needs, guidanceOrders, sessions, trainings] = await Promise.all([
    listNeeds(db, actor, { childId }),
    listGuidanceOrders(db, actor, { childId }),
    sessionsOfChildIn(db, actor, childId),
    trainingRows(db, actor)
      .where('guardian_trainings.child_id', '=', childId)
      .orderBy('guardian_trainings.referred_on', 'desc')
      .execute(),
  ]);
  return {
    needs: needs.map((n) => ({
      id: n.id,
      kind: n.kind,
      status: n.status,
      description: n.description,
      raisedAt: n.raisedAt,
      receiptNumber: n.receipt?.number ?? null,
    })),
    guidanceOrders,
    sessions,
    trainings: trainings.map(present),
  };
}
