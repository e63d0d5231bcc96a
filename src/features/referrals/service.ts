import type { Kysely } from 'kysely';
import type {
  CreatedReferral,
  CreateReferralInput,
  ReferralActionInput,
  ReferralView,
  ReferralWarning,
} from '../../contract/referrals/views.js';
import { services } from '../../contract/service-matrix/vocabulary.js';
import { organisationKinds, type OrganisationKind } from '../../contract/organisations/kinds.js';
import { startClock } from '../../core/clocks/index.js';
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
import { shareableDocumentsIn } from '../documents/service.js';
import { responsibilityIn } from '../service-matrix/service.js';
import { referralRules } from './rule-sections.js';
import { readReferral } from './view.js';
import { referralWorkflow } from './workflow.js';

export { type EndedReferral, whenReferralEnds } from './endings.js';

type Db = Kysely<Database>;

const refuse = (code: string, field: string, params: Record<string, string> = {}) =>
  new DomainError(code, 400, { field, ...params }, [{ path: `body.${field}`, code }]);

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface RequestedReferral {
  referralId: string;
  warnings: ReferralWarning[];
}

/**
 * Refers a child (from the child's file, or from a case of the child) to an organisation: the child
 * through the sender's scope, the case through the cases feature, the consent the rules ask for,
 * the response clock for the receiver. A receiver whose kind the matrix does not give the service
 * is allowed, with a warning in the answer.
 */
export async function requestReferralIn(
  uow: UnitOfWork,
  input: CreateReferralInput,
  at: Date,
): Promise<RequestedReferral> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'referrals.act')) throw forbidden('referrals.act');
  if (!actor.organisationId) throw new DomainError('referrals.needs_organisation', 400);
  const child = await trx
    .selectFrom('children')
    .select(['id', 'residence_code', 'birth_date'])
    .where('id', '=', input.childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'referrals.child_entity'), input.childId);
  if (input.caseId) {
    const kase = await caseChildIn(trx, actor, input.caseId);
    if (!kase) throw notFound(translate(actor.locale, 'referrals.case_entity'), input.caseId);
    if (kase.childId !== child.id) throw refuse('referrals.case_of_other_child', 'caseId');
  }
  const receiver = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'kind'])
    .where('id', '=', input.toOrganisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!receiver) throw notFound(translate(actor.locale, 'referrals.organisation_entity'), input.toOrganisationId);
  if (receiver.id === actor.organisationId) throw refuse('referrals.same_organisation', 'toOrganisationId');
  const today = shanghaiDateOf(at);
  if (input.dueOn && input.dueOn < today) throw refuse('referrals.due_in_past', 'dueOn', { dueOn: input.dueOn });
  if (input.documentIds.length > 0 && !input.shares.includes('documents'))
    throw refuse('referrals.documents_not_shared', 'documentIds');
  // Documents are shared one by one: sharing "documents" names which, each one of this child's that the sender sees.
  if (input.shares.includes('documents') && input.documentIds.length === 0)
    throw refuse('referrals.documents_none_chosen', 'documentIds');
  if (input.documentIds.length > 0) {
    const shareable = await shareableDocumentsIn(uow, child.id, input.documentIds);
    const index = input.documentIds.findIndex((id) => !shareable.has(id));
    if (index >= 0)
      throw new DomainError('referrals.document_not_of_child', 400, { field: `documentIds.${index}` }, [
        { path: `body.documentIds.${index}`, code: 'referrals.document_not_of_child' },
      ]);
  }
  const rules = await ruleSetFor(trx, child.residence_code, today);
  const config = rules.get(referralRules);
  const waived = (input.consent.waiverReason ?? '').length > 0;
  if (config.consent.guardianRequired && input.consent.guardian !== 'given' && !waived)
    throw refuse('referrals.consent_required', 'consent.guardian', {
      who: translate(actor.locale, 'referrals.consent_who.guardian'),
    });
  if (
    child.birth_date &&
    ageOn(child.birth_date, today) >= config.consent.childRequiredFromAge &&
    input.consent.child !== 'given' &&
    !waived
  )
    throw refuse('referrals.consent_required', 'consent.child', {
      who: translate(actor.locale, 'referrals.consent_who.child'),
    });

  const inserted = await trx
    .insertInto('referrals')
    .values({
      child_id: child.id,
      case_id: input.caseId ?? null,
      from_org_id: actor.organisationId,
      to_org_id: receiver.id,
      service: input.service,
      shares: [...new Set(input.shares)],
      document_ids: [...new Set(input.documentIds)],
      reason: input.reason,
      due_on: input.dueOn ?? null,
      consent: JSON.stringify(input.consent),
      division_code: child.residence_code,
      created_by: actor.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordSystemAction(
    uow,
    referralWorkflow,
    { id: inserted.id, childId: child.id, state: initialState(referralWorkflow) },
    {
      type: 'request',
      payload: {
        service: input.service,
        toOrganisationId: receiver.id,
        shares: input.shares,
        caseId: input.caseId ?? null,
      },
      at,
    },
  );
  await startClock(trx, rules, {
    rule: 'referral.response',
    ownerOrgId: receiver.id,
    subjectType: 'referral',
    subjectId: inserted.id,
    caseId: input.caseId ?? null,
    childId: child.id,
    divisionCode: child.residence_code,
    startedAt: at,
    duration: { workingDays: config.responseWorkingDays },
  });
  const warnings: ReferralWarning[] = [];
  const responsibility = await responsibilityIn(trx, child.residence_code, receiver.kind, input.service, today);
  if (responsibility === 'none') {
    const kind = organisationKinds[receiver.kind as OrganisationKind];
    warnings.push({
      code: 'referrals.service_not_in_matrix',
      message: translate(actor.locale, 'referrals.service_not_in_matrix', {
        organisation: `${receiver.name}（${kind ? (actor.locale === 'en' ? kind.en : kind.zh) : receiver.kind}）`,
        service: actor.locale === 'en' ? services[input.service].en : services[input.service].zh,
      }),
    });
  }
  uow.audit({
    entityType: 'referral',
    entityId: inserted.id,
    childId: child.id,
    details: { to: receiver.id, service: input.service, shares: input.shares, warnings: warnings.map((w) => w.code) },
  });
  return { referralId: inserted.id, warnings };
}

export async function requestReferral(
  db: Db,
  actor: Actor,
  input: CreateReferralInput,
  idempotencyKey?: string,
): Promise<{ view: CreatedReferral; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'referral.request',
    (uow) => requestReferralIn(uow, input, new Date()),
    idempotencyKey ? { key: `referral:${idempotencyKey}`, request: input } : undefined,
  );
  return { view: { ...(await readReferral(db, actor, result.referralId)), warnings: result.warnings }, replayed };
}

/** One action on a referral, run by the workflow engine (scope lock, expected version, status table, effects). */
export async function actOnReferralIn(
  uow: UnitOfWork,
  referralId: string,
  input: ReferralActionInput,
  at: Date,
): Promise<{ seq: number }> {
  const { seq } = await performAction(uow, referralWorkflow, referralId, input, at);
  return { seq };
}

export async function actOnReferral(
  db: Db,
  actor: Actor,
  referralId: string,
  input: ReferralActionInput,
  idempotencyKey?: string,
): Promise<{ view: ReferralView; replayed: boolean }> {
  const at = new Date();
  const { replayed } = await unitOfWork(
    db,
    actor,
    `referral.${input.type}`,
    (uow) => actOnReferralIn(uow, referralId, input, at),
    idempotencyKey ? { key: `${referralId}:${idempotencyKey}`, request: input } : undefined,
  );
  return { view: await readReferral(db, actor, referralId), replayed };
}

export {
  hasOpenReferralFromIn,
  type OverdueReferral,
  overdueReferralsIn,
  type ProviderReferralStep,
  referralStatesIn,
  type ReferralState,
  referralStepsOfProviderIn,
  referralsDeclinedBetween,
} from './reads.js';
export { referralsByReceiverBetween } from './insight-reads.js';
