import { type Kysely, sql } from 'kysely';
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
import { systemScope } from '../../core/scope/system-scope.js';
import { openReferralStatuses } from '../../contract/referrals/vocabulary.js';
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

export interface OverdueReferral {
  referralId: string;
  service: string;
  status: string;
  fromOrganisation: string;
  toOrganisation: string;
  /** The clock that ran out: the receiver's answer, or the service's completion. */
  rule: string;
  dueAt: Date;
}

/**
 * Open referrals of children of a place whose response or completion clock had run out as of a
 * moment — what is blocked between organisations, for the joint conference's agenda. Names no
 * child: the conference hears of the hand-over that stalls, not of whom it concerns.
 */
export async function overdueReferralsIn(
  db: Db | UnitOfWork['trx'],
  divisionPrefix: string,
  asOf: Date,
): Promise<OverdueReferral[]> {
  const rows = await db
    .selectFrom('referrals')
    .where(systemScope('the joint conference agenda of a place: organisations and services, no child named'))
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .innerJoin('clocks', (join) =>
      join.onRef('clocks.subject_id', '=', 'referrals.id').on('clocks.subject_type', '=', 'referral'),
    )
    .innerJoin('organisations as sender', 'sender.id', 'referrals.from_org_id')
    .innerJoin('organisations as receiver', 'receiver.id', 'referrals.to_org_id')
    .select([
      'referrals.id',
      'referrals.service',
      'last.status_after',
      'sender.name as from_name',
      'receiver.name as to_name',
      'clocks.rule',
      'clocks.due_at',
    ])
    .where('referrals.division_code', 'like', `${divisionPrefix}%`)
    .where('last.status_after', 'in', [...openReferralStatuses])
    .where('referrals.created_at', '<=', asOf)
    .where('clocks.due_at', '<', asOf)
    .where((eb) => eb.or([eb('clocks.state', '=', 'running'), eb('clocks.stopped_at', '>', asOf)]))
    .orderBy('clocks.due_at')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    referralId: row.id,
    service: row.service,
    status: row.status_after,
    fromOrganisation: row.from_name,
    toOrganisation: row.to_name,
    rule: row.rule,
    dueAt: row.due_at,
  }));
}

/** Where a referral stands, for the feature that linked it (a service in a case plan). */
export interface ReferralState {
  referralId: string;
  status: ReferralView['status'];
  fromOrgId: string;
  toOrgId: string;
  /** When it completed (the service it delivered was delivered then), else null. */
  completedAt: Date | null;
}

/**
 * The states of referrals the caller's feature holds the ids of (it read them with a subject it
 * locked or listed through the child's scope): status, parties and when each completed.
 */
export async function referralStatesIn(
  db: Db | UnitOfWork['trx'],
  referralIds: readonly string[],
): Promise<Map<string, ReferralState>> {
  if (referralIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('referrals')
    .where(systemScope('referrals linked to a subject the caller read through childInScope'))
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .select(['referrals.id', 'referrals.from_org_id', 'referrals.to_org_id', 'last.status_after', 'last.occurred_at'])
    .where('referrals.id', 'in', [...referralIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        referralId: r.id,
        status: r.status_after,
        fromOrgId: r.from_org_id,
        toOrgId: r.to_org_id,
        completedAt: r.status_after === 'completed' ? r.occurred_at : null,
      },
    ]),
  );
}

/** Whether the organisation has sent a referral of the case that is still open (it still takes part). */
export async function hasOpenReferralFromIn(
  trx: UnitOfWork['trx'],
  caseId: string,
  organisationId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('referrals')
    .where(systemScope('referrals of a case the caller locked'))
    .innerJoin('referral_actions as last', (join) =>
      join.onRef('last.referral_id', '=', 'referrals.id').onRef('last.seq', '=', 'referrals.seq'),
    )
    .select('referrals.id')
    .where('referrals.case_id', '=', caseId)
    .where('referrals.from_org_id', '=', organisationId)
    .where('last.status_after', 'in', ['requested', 'accepted', 'in_progress'])
    .executeTakeFirst();
  return row !== undefined;
}
export interface ProviderReferralStep {
  referralId: string;
  childId: string;
  /** The child's residence when referred: where the work lies. */
  divisionCode: string;
  service: string;
  step: 'accept' | 'complete';
  occurredAt: Date;
}

/**
 * The referrals an organisation accepted and completed (its delivered work), optionally within a
 * time window: read by purchased-service projects and capacity, which count them, never change them.
 * The caller has already decided the reader may see the organisation's outputs (a project read
 * through its own scope), so the rows carry no more than ids, place, service and time.
 */
export async function referralStepsOfProviderIn(
  db: Db | UnitOfWork['trx'],
  organisationId: string,
  window?: { from: Date; to: Date },
): Promise<ProviderReferralStep[]> {
  let query = db
    .selectFrom('referral_actions as a')
    .innerJoin('referrals as r', 'r.id', 'a.referral_id')
    .where(systemScope("the provider's delivered work, counted for a project or capacity read through its scope"))
    .select(['r.id', 'r.child_id', 'r.division_code', 'r.service', 'a.type', 'a.occurred_at'])
    .where('r.to_org_id', '=', organisationId)
    .where('a.type', 'in', ['accept', 'complete']);
  if (window) query = query.where('a.occurred_at', '>=', window.from).where('a.occurred_at', '<', window.to);
  const rows = await query.orderBy('a.occurred_at').execute();
  return rows.map((row) => ({
    referralId: row.id,
    childId: row.child_id,
    divisionCode: row.division_code,
    service: row.service,
    step: row.type as 'accept' | 'complete',
    occurredAt: new Date(row.occurred_at),
  }));
}

/** Referrals declined by their receiver in [from, to), per the child's division (insight snapshots; counts only). */
export async function referralsDeclinedBetween(
  db: Db,
  from: Date,
  to: Date,
): Promise<{ divisionCode: string; declined: number }[]> {
  const { rows } = await sql<{ divisionCode: string; declined: number }>`
    SELECT r.division_code AS "divisionCode", count(DISTINCT r.id)::int AS declined
    FROM referral_actions a JOIN referrals r ON r.id = a.referral_id
    WHERE a.status_after = 'declined' AND a.occurred_at >= ${from} AND a.occurred_at < ${to}
      AND ${systemScope('insight snapshot: declined referrals are counted, no child is named')}
    GROUP BY 1`.execute(db);
  return rows;
}
export { referralsByReceiverBetween } from './insight-reads.js';
