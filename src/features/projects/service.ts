import type { Kysely, Transaction } from 'kysely';
import type {
  AddPostInput,
  CreateProjectInput,
  EditProjectInput,
  EvaluateInput,
  IndicatorValue,
  ProjectView,
  RecordPaymentInput,
  RecordSessionInput,
  ReplyInput,
} from '../../contract/projects/projects.js';
import {
  evaluationStages,
  indicatorKindCodes,
  indicatorKinds,
  socialOrganisationKinds,
  uncomputableIndicators,
} from '../../contract/projects/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { inJurisdiction, projectVisibleTo } from './access.js';
import { recordedWorkOf } from './outputs.js';
import { divisionNames } from './places.js';
import { countIndicators, indicatorProblems, indicatorValues } from './rules.js';
import { readProject } from './views.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const refuse = (code: string, path: string, params: Record<string, string | number> = {}) =>
  new DomainError(code, 400, params, [{ path, code }]);

/** A kind Haven cannot count is refused by name: the first problem is the message, all are in the details. */
function checkIndicators(actor: Actor, indicators: readonly { kind: string }[], path: string): void {
  const problems = indicatorProblems(indicators);
  const first = problems[0];
  if (!first) return;
  const en = actor.locale === 'en';
  const known = indicatorKindCodes
    .map((k) => (en ? indicatorKinds[k].en : indicatorKinds[k].zh))
    .join(en ? ', ' : '、');
  const details = problems.map((p) => ({ path: `${path}.${p.index}.kind`, code: `projects.indicator_${p.problem}` }));
  if (first.problem === 'uncomputable') {
    const spec = uncomputableIndicators[first.kind as keyof typeof uncomputableIndicators];
    throw new DomainError(
      'projects.indicator_uncomputable',
      400,
      { indicator: en ? spec.en : spec.zh, why: en ? spec.why.en : spec.why.zh },
      details,
    );
  }
  throw new DomainError(`projects.indicator_${first.problem}`, 400, { indicator: first.kind, known }, details);
}

async function requireProject(trx: Trx | Db, actor: Actor, id: string) {
  const project = await trx
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', id)
    .where(projectVisibleTo(actor))
    .executeTakeFirst();
  if (!project) throw notFound(translate(actor.locale, 'projects.entity'), id);
  return project;
}

async function requirePurchaser(trx: Trx, actor: Actor, id: string) {
  if (!hasPermission(actor, 'projects.manage')) throw forbidden('projects.manage');
  const project = await requireProject(trx, actor, id);
  if (actor.kind !== 'system' && project.purchaser_org_id !== actor.organisationId)
    throw new DomainError('projects.not_purchaser', 403);
  return project;
}

/**
 * Defines a purchased-service project for the actor's organisation as purchaser: the area inside
 * its jurisdiction, a social organisation as provider, a payment schedule adding up to the budget
 * (fen), and targets only for indicators Haven can count from recorded work.
 */
export async function createProjectIn(uow: UnitOfWork, input: CreateProjectInput): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'projects.manage')) throw forbidden('projects.manage');
  if (!actor.organisationId) throw new DomainError('projects.needs_organisation', 400);
  checkIndicators(actor, input.indicators, 'body.indicators');
  if (input.endsOn < input.startsOn)
    throw refuse('projects.period_reversed', 'body.endsOn', { startsOn: input.startsOn, endsOn: input.endsOn });
  const names = await divisionNames(trx, input.areaCodes);
  input.areaCodes.forEach((code, i) => {
    if (!names.has(code)) throw refuse('projects.area_unknown', `body.areaCodes.${i}`, { code });
    if (!inJurisdiction(actor, code)) throw refuse('projects.area_outside', `body.areaCodes.${i}`, { code });
  });
  const provider = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'kind'])
    .where('id', '=', input.providerOrganisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!provider) throw notFound(translate(actor.locale, 'projects.organisation_entity'), input.providerOrganisationId);
  if (!(socialOrganisationKinds as readonly string[]).includes(provider.kind))
    throw refuse('projects.provider_not_social', 'body.providerOrganisationId', { name: provider.name });
  const plannedFen = input.paymentSchedule.reduce((sum, p) => sum + p.plannedFen, 0);
  if (plannedFen !== input.budgetFen)
    throw refuse('projects.schedule_mismatch', 'body.paymentSchedule', { plannedFen, budgetFen: input.budgetFen });
  const schedule = [...input.paymentSchedule].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  schedule.forEach((p, i) => {
    if (p.dueOn < input.startsOn || p.dueOn > input.endsOn)
      throw refuse('projects.schedule_outside', `body.paymentSchedule.${i}.dueOn`, {
        instalment: i + 1,
        dueOn: p.dueOn,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      });
  });
  const { id } = await trx
    .insertInto('projects')
    .values({
      title: input.title,
      contract_number: input.contractNumber ?? null,
      purchaser_org_id: actor.organisationId,
      provider_org_id: provider.id,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      area_codes: input.areaCodes,
      services: [...new Set(input.services)],
      budget_fen: input.budgetFen,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.indicators.length > 0)
    await trx
      .insertInto('project_indicators')
      .values(input.indicators.map((i) => ({ project_id: id, kind: i.kind, target: i.target })))
      .execute();
  await trx
    .insertInto('project_payments')
    .values(schedule.map((p, i) => ({ project_id: id, instalment: i + 1, due_on: p.dueOn, planned_fen: p.plannedFen })))
    .execute();
  uow.audit({
    entityType: 'project',
    entityId: id,
    details: { provider: provider.id, budgetFen: input.budgetFen, areas: input.areaCodes },
  });
  return id;
}

export async function createProject(
  db: Db,
  actor: Actor,
  input: CreateProjectInput,
  idempotencyKey?: string,
): Promise<{ view: ProjectView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'project.create',
    (uow) => createProjectIn(uow, input),
    idempotencyKey ? { key: `project:${idempotencyKey}`, request: input } : undefined,
  );
  return { view: await readProject(db, actor, result), replayed };
}

/** Edits the title, the end date or the targets (send the version read; stale → 409). */
export async function editProjectIn(uow: UnitOfWork, id: string, input: EditProjectInput): Promise<void> {
  const { trx, actor } = uow;
  const project = await requirePurchaser(trx, actor, id);
  if (input.indicators) checkIndicators(actor, input.indicators, 'body.indicators');
  const endsOn = input.endsOn ?? project.ends_on;
  if (endsOn < project.starts_on)
    throw refuse('projects.period_reversed', 'body.endsOn', { startsOn: project.starts_on, endsOn });
  await updateVersioned(trx, {
    table: 'projects',
    entity: translate(actor.locale, 'projects.entity'),
    id,
    expectedVersion: input.expectedVersion,
    values: { title: input.title ?? project.title, ends_on: endsOn },
  });
  if (input.indicators) {
    await trx.deleteFrom('project_indicators').where('project_id', '=', id).execute();
    if (input.indicators.length > 0)
      await trx
        .insertInto('project_indicators')
        .values(input.indicators.map((i) => ({ project_id: id, kind: i.kind, target: i.target })))
        .execute();
  }
  uow.audit({ entityType: 'project', entityId: id, details: { edited: Object.keys(input) } });
}

export async function editProject(db: Db, actor: Actor, id: string, input: EditProjectInput): Promise<ProjectView> {
  await unitOfWork(db, actor, 'project.edit', (uow) => editProjectIn(uow, id, input));
  return readProject(db, actor, id);
}

/** Records the payment of one instalment, in fen (once: a second payment of it is a 409). */
export async function recordPaymentIn(
  uow: UnitOfWork,
  id: string,
  instalment: number,
  input: RecordPaymentInput,
): Promise<void> {
  const { trx, actor } = uow;
  await requirePurchaser(trx, actor, id);
  const payment = await trx
    .selectFrom('project_payments')
    .select(['id', 'paid_on'])
    .where('project_id', '=', id)
    .where('instalment', '=', instalment)
    .executeTakeFirst();
  if (!payment) throw notFound(translate(actor.locale, 'projects.payment_entity'), String(instalment));
  if (payment.paid_on) throw conflict('projects.already_paid', { instalment, paidOn: String(payment.paid_on) });
  await updateVersioned(trx, {
    table: 'project_payments',
    entity: translate(actor.locale, 'projects.payment_entity'),
    id: payment.id,
    expectedVersion: input.expectedVersion,
    values: { paid_fen: input.paidFen, paid_on: input.paidOn, voucher: input.voucher ?? null },
  });
  uow.audit({ entityType: 'project', entityId: id, details: { instalment, paidFen: input.paidFen } });
}

export async function recordPayment(
  db: Db,
  actor: Actor,
  id: string,
  instalment: number,
  input: RecordPaymentInput,
): Promise<ProjectView> {
  await unitOfWork(db, actor, 'project.pay', (uow) => recordPaymentIn(uow, id, instalment, input));
  return readProject(db, actor, id);
}

/** Places a social worker of the project in a rescue station or protection centre for a period inside the project's. */
export async function addPostIn(uow: UnitOfWork, id: string, input: AddPostInput): Promise<void> {
  const { trx, actor } = uow;
  const project = await requirePurchaser(trx, actor, id);
  const host = await trx
    .selectFrom('organisations')
    .select(['id', 'kind'])
    .where('id', '=', input.hostOrganisationId)
    .executeTakeFirst();
  if (!host) throw notFound(translate(actor.locale, 'projects.organisation_entity'), input.hostOrganisationId);
  if (host.kind !== 'rescue_station' && host.kind !== 'minor_protection_centre')
    throw refuse('projects.post_host_kind', 'body.hostOrganisationId');
  if (input.startsOn < project.starts_on || input.endsOn > project.ends_on || input.endsOn < input.startsOn)
    throw refuse('projects.post_outside_period', 'body.startsOn', {
      startsOn: project.starts_on,
      endsOn: project.ends_on,
    });
  await trx
    .insertInto('project_posts')
    .values({
      project_id: id,
      person_name: input.personName,
      user_id: input.userId ?? null,
      host_org_id: host.id,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    })
    .execute();
  uow.audit({ entityType: 'project', entityId: id, details: { post: input.personName, host: host.id } });
}

export async function addPost(db: Db, actor: Actor, id: string, input: AddPostInput): Promise<ProjectView> {
  await unitOfWork(db, actor, 'project.post', (uow) => addPostIn(uow, id, input));
  return readProject(db, actor, id);
}

/** The indicators computed from recorded work as of a day, beside the targets. */
export async function computedIndicatorsIn(
  trx: Trx | Db,
  project: { id: string; provider_org_id: string; starts_on: string; ends_on: string; area_codes: string[] },
  asOf: string,
): Promise<IndicatorValue[]> {
  const targets = await trx
    .selectFrom('project_indicators')
    .select(['kind', 'target'])
    .where('project_id', '=', project.id)
    .execute();
  const work = await recordedWorkOf(trx, project.provider_org_id, {
    startsOn: project.starts_on,
    endsOn: project.ends_on,
  });
  const frame = { startsOn: project.starts_on, endsOn: project.ends_on, areaCodes: project.area_codes };
  return indicatorValues(targets, countIndicators(work, frame, asOf));
}

/** A mid-term or final evaluation: the indicators computed as of its day are kept beside the targets. */
export async function evaluateIn(uow: UnitOfWork, id: string, input: EvaluateInput): Promise<void> {
  const { trx, actor } = uow;
  const project = await requirePurchaser(trx, actor, id);
  const done = await trx
    .selectFrom('project_evaluations')
    .select('id')
    .where('project_id', '=', id)
    .where('stage', '=', input.stage)
    .executeTakeFirst();
  const stage = evaluationStages[input.stage];
  if (done) throw conflict('projects.evaluation_exists', { stage: actor.locale === 'en' ? stage.en : stage.zh });
  const indicators = await computedIndicatorsIn(trx, project, input.evaluatedOn);
  await trx
    .insertInto('project_evaluations')
    .values({
      project_id: id,
      stage: input.stage,
      evaluated_on: input.evaluatedOn,
      indicators: JSON.stringify(indicators),
      findings: input.findings,
      evaluator_user_id: actor.userId,
    })
    .execute();
  uow.audit({ entityType: 'project', entityId: id, details: { evaluation: input.stage } });
}

export async function evaluate(db: Db, actor: Actor, id: string, input: EvaluateInput): Promise<ProjectView> {
  await unitOfWork(db, actor, 'project.evaluate', (uow) => evaluateIn(uow, id, input));
  return readProject(db, actor, id);
}

/** The provider's reply to an evaluation (send the version read; stale → 409). */
export async function replyIn(
  uow: UnitOfWork,
  id: string,
  stage: keyof typeof evaluationStages,
  input: ReplyInput,
): Promise<void> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'projects.deliver')) throw forbidden('projects.deliver');
  const project = await requireProject(trx, actor, id);
  if (project.provider_org_id !== actor.organisationId) throw new DomainError('projects.not_provider', 403);
  const evaluation = await trx
    .selectFrom('project_evaluations')
    .select('id')
    .where('project_id', '=', id)
    .where('stage', '=', stage)
    .executeTakeFirst();
  if (!evaluation) throw notFound(translate(actor.locale, 'projects.evaluation_entity'), stage);
  await updateVersioned(trx, {
    table: 'project_evaluations',
    entity: translate(actor.locale, 'projects.evaluation_entity'),
    id: evaluation.id,
    expectedVersion: input.expectedVersion,
    values: { reply: input.reply, replied_at: new Date(), replied_by: actor.userId },
  });
  uow.audit({ entityType: 'project', entityId: id, details: { reply: stage } });
}

export async function reply(
  db: Db,
  actor: Actor,
  id: string,
  stage: keyof typeof evaluationStages,
  input: ReplyInput,
): Promise<ProjectView> {
  await unitOfWork(db, actor, 'project.reply', (uow) => replyIn(uow, id, stage, input));
  return readProject(db, actor, id);
}

/**
 * A session the actor's organisation delivered (counselling, family education, group, training):
 * recorded work that projects count. A child is reached through the actor's scope (404 otherwise).
 */
export async function recordSessionIn(uow: UnitOfWork, input: RecordSessionInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'projects.deliver')) throw forbidden('projects.deliver');
  if (!actor.organisationId) throw new DomainError('projects.needs_organisation', 400);
  if (input.heldOn > shanghaiDateOf(at)) throw refuse('projects.session_future', 'body.heldOn', { date: input.heldOn });
  let divisionCode = input.divisionCode ?? null;
  if (input.childId) {
    const child = await trx
      .selectFrom('children')
      .select(['id', 'residence_code'])
      .where('id', '=', input.childId)
      .where(childInScope(actor))
      .executeTakeFirst();
    if (!child) throw notFound(translate(actor.locale, 'projects.child_entity'), input.childId);
    divisionCode = child.residence_code;
  }
  const { id } = await trx
    .insertInto('service_sessions')
    .values({
      organisation_id: actor.organisationId,
      recorded_by: actor.userId,
      worker_name: actor.label,
      kind: input.kind,
      child_id: input.childId ?? null,
      division_code: divisionCode!,
      held_on: input.heldOn,
      minutes: input.minutes,
      attendees: input.attendees,
      note: input.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  uow.audit({
    entityType: 'service_session',
    entityId: id,
    childId: input.childId ?? undefined,
    details: { kind: input.kind },
  });
  return id;
}

export async function recordSession(
  db: Db,
  actor: Actor,
  input: RecordSessionInput,
  idempotencyKey?: string,
): Promise<{ id: string; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'service_session.record',
    (uow) => recordSessionIn(uow, input, new Date()),
    idempotencyKey ? { key: `session:${idempotencyKey}`, request: input } : undefined,
  );
  return { id: result, replayed };
}

export { requireProject };
