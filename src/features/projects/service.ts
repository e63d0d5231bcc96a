import { type Kysely, sql, type Transaction } from 'kysely';
import type { CreateProjectInput, EditProjectInput, ProjectView } from '../../contract/projects/projects.js';
import {
  indicatorKindCodes,
  indicatorKinds,
  socialOrganisationKinds,
  uncomputableIndicators,
} from '../../contract/projects/vocabulary.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { inJurisdiction } from './access.js';
import { divisionNames } from './places.js';
import { indicatorProblems } from './rules.js';
import { refuse, requirePurchaser } from './guards.js';
import { readProject } from './views.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;

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

export { computedIndicatorsIn } from './outputs.js';
export { requireProject } from './guards.js';
export { addPost, addPostIn, recordPayment, recordPaymentIn } from './payments.js';
export { evaluate, evaluateIn, recordSession, recordSessionIn, reply, replyIn } from './delivery.js';

/**
 * Purchased-service budgets running on `day` for the insight snapshots: per area a project serves,
 * its share of the budget (split evenly over its areas) and of what has been paid by then, in fen.
 */
export async function serviceBudgetsOn(
  db: Db | Transaction<Database>,
  day: string,
): Promise<{ areaCode: string; budgetFen: number; paidFen: number }[]> {
  const { rows } = await sql<{ areaCode: string; budgetFen: number; paidFen: number }>`
    SELECT area.code AS "areaCode", round(sum(p.budget_fen::numeric / cardinality(p.area_codes)))::float8 AS "budgetFen",
      round(sum(coalesce(paid.fen, 0)::numeric / cardinality(p.area_codes)))::float8 AS "paidFen"
    FROM projects p CROSS JOIN LATERAL unnest(p.area_codes) AS area(code)
    LEFT JOIN LATERAL (SELECT sum(paid_fen) AS fen FROM project_payments
      WHERE project_id = p.id AND paid_on <= ${day}::date) paid ON true
    WHERE p.starts_on <= ${day}::date AND p.ends_on >= ${day}::date
    GROUP BY 1`.execute(db);
  return rows;
}
export { sessionsOfChildIn } from './child-sessions.js';
export { projectOutputsOn, socialWorkersAt } from './insight-reads.js';
export { projectOfActivityIn, projectTitlesIn, recordVolunteerHoursIn } from './volunteer-hours.js';
