import type { Kysely } from 'kysely';
import type {
  IssueRecommendationInput,
  RecommendationActionInput,
  RecommendationView,
} from '../../contract/recommendations/views.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { performAction, recordSystemAction } from '../../core/workflow/perform.js';
import { initialState } from '../../core/workflow/rules.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { caseChildIn } from '../cases/service.js';
import { recommendationRules } from './rule-sections.js';
import { endOfDay, replyDueDate } from './rules.js';
import { readRecommendation } from './view.js';
import { recommendationWorkflow, startReplyClock } from './workflow.js';

type Db = Kysely<Database>;

const refuse = (code: string, field: string) =>
  new DomainError(code, 400, { field }, [{ path: `body.${field}`, code }]);

/**
 * A procuratorate issues a recommendation to a unit: optionally about a child in the prosecutor's
 * scope (and one of its cases), with the facts and what it recommends. The written reply is due a
 * calendar month later (rule data of the addressee's place), kept by a core clock owned by the addressee.
 */
export async function issueRecommendationIn(
  uow: UnitOfWork,
  input: IssueRecommendationInput,
  at: Date,
): Promise<{ recommendationId: string }> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'recommendations.issue')) throw forbidden('recommendations.issue');
  const issuer = actor.organisationId
    ? await trx
        .selectFrom('organisations')
        .select(['id', 'kind'])
        .where('id', '=', actor.organisationId)
        .executeTakeFirst()
    : undefined;
  if (issuer?.kind !== 'procuratorate') throw new DomainError('recommendations.needs_procuratorate', 403);
  const addressee = await trx
    .selectFrom('organisations')
    .select(['id', 'division_code'])
    .where('id', '=', input.toOrganisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!addressee)
    throw notFound(translate(actor.locale, 'recommendations.organisation_entity'), input.toOrganisationId);
  if (addressee.id === issuer.id) throw refuse('recommendations.same_organisation', 'toOrganisationId');
  if (input.caseId && !input.childId) throw refuse('recommendations.case_without_child', 'childId');
  if (input.childId) {
    const child = await trx
      .selectFrom('children')
      .select('id')
      .where('id', '=', input.childId)
      .where(childInScope(actor))
      .executeTakeFirst();
    if (!child) throw notFound(translate(actor.locale, 'recommendations.child_entity'), input.childId);
  }
  if (input.caseId) {
    const kase = await caseChildIn(trx, actor, input.caseId);
    if (!kase) throw notFound(translate(actor.locale, 'recommendations.case_entity'), input.caseId);
    if (kase.childId !== input.childId) throw refuse('recommendations.case_of_other_child', 'caseId');
  }
  const inserted = await trx
    .insertInto('recommendations')
    .values({
      reference: input.reference && input.reference.length > 0 ? input.reference : null,
      from_org_id: issuer.id,
      to_org_id: addressee.id,
      child_id: input.childId ?? null,
      case_id: input.caseId ?? null,
      facts: input.facts,
      recommends: input.recommends,
      division_code: addressee.division_code,
      created_by: actor.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordSystemAction(
    uow,
    recommendationWorkflow,
    { id: inserted.id, childId: input.childId ?? null, state: initialState(recommendationWorkflow) },
    { type: 'issue', payload: { toOrganisationId: addressee.id, reference: input.reference ?? null }, at },
  );
  const today = shanghaiDateOf(at);
  const rules = await ruleSetFor(trx, addressee.division_code, today);
  const due = endOfDay(replyDueDate(today, rules.get(recommendationRules).replyMonths));
  await startReplyClock(
    trx,
    rules,
    {
      id: inserted.id,
      toOrgId: addressee.id,
      caseId: input.caseId ?? null,
      childId: input.childId ?? null,
      divisionCode: addressee.division_code,
    },
    at,
    due,
  );
  uow.audit({
    entityType: 'recommendation',
    entityId: inserted.id,
    childId: input.childId ?? null,
    details: { to: addressee.id, reference: input.reference ?? null },
  });
  return { recommendationId: inserted.id };
}

export async function issueRecommendation(
  db: Db,
  actor: Actor,
  input: IssueRecommendationInput,
  idempotencyKey?: string,
): Promise<{ view: RecommendationView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'recommendation.issue',
    (uow) => issueRecommendationIn(uow, input, new Date()),
    idempotencyKey ? { key: `recommendation:${idempotencyKey}`, request: input } : undefined,
  );
  return { view: await readRecommendation(db, actor, result.recommendationId), replayed };
}

/** One action on a recommendation (reply, accept, return, withdraw, note litigation), by the workflow engine. */
export async function actOnRecommendationIn(
  uow: UnitOfWork,
  recommendationId: string,
  input: RecommendationActionInput,
  at: Date,
): Promise<{ seq: number }> {
  const { seq } = await performAction(uow, recommendationWorkflow, recommendationId, input, at);
  return { seq };
}

export async function actOnRecommendation(
  db: Db,
  actor: Actor,
  recommendationId: string,
  input: RecommendationActionInput,
  idempotencyKey?: string,
): Promise<{ view: RecommendationView; replayed: boolean }> {
  const at = new Date();
  const { replayed } = await unitOfWork(
    db,
    actor,
    `recommendation.${input.type}`,
    (uow) => actOnRecommendationIn(uow, recommendationId, input, at),
    idempotencyKey ? { key: `${recommendationId}:${idempotencyKey}`, request: input } : undefined,
  );
  return { view: await readRecommendation(db, actor, recommendationId), replayed };
}
