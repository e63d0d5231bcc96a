// Work a provider delivers and how it is judged: sessions, evaluations and the reply (exported through service.ts).
import type { Kysely } from 'kysely';
import type { EvaluateInput, ProjectView, RecordSessionInput, ReplyInput } from '../../contract/projects/projects.js';
import { evaluationStages } from '../../contract/projects/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { refuse, requireProject, requirePurchaser } from './guards.js';
import { computedIndicatorsIn } from './outputs.js';
import { readProject } from './views.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;

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
      attendees: input.attendees ?? Math.max(1, input.attendedBy?.length ?? 0),
      attended_by: JSON.stringify(input.attendedBy ?? []),
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
