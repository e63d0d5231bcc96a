import type { Kysely } from 'kysely';
import type {
  CasePlanServices,
  PlanServiceInput,
  RequestTransferInput,
  ServiceActionInput,
  TransferActionInput,
} from '../../contract/case-network/views.js';
import { recordSystemAction, performAction } from '../../core/workflow/perform.js';
import { initialState } from '../../core/workflow/rules.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { caseLeadIn } from '../cases/service.js';
import { requireLeadMayLead } from './lead-rules.js';
import { readCasePlan } from './view.js';
import { serviceWorkflow, transferWorkflow } from './workflows.js';

type Db = Kysely<Database>;

/** The case as its lead sees it: in scope (else 404), open (else 409), the actor's organisation leading it (else 403). */
async function caseLedBy(uow: UnitOfWork, caseId: string) {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'cases.act')) throw forbidden('cases.act');
  const kase = await caseLeadIn(trx, actor, caseId);
  if (!kase) throw notFound(translate(actor.locale, 'caseNetwork.case_entity'), caseId);
  if (kase.status === 'closed') throw new DomainError('caseNetwork.case_closed', 409);
  if (actor.organisationId !== kase.leadOrgId) throw new DomainError('caseNetwork.not_lead', 403);
  return kase;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Plans a service in the case: its type from the catalogue, its provider, the due date from the response time. */
export async function planServiceIn(
  uow: UnitOfWork,
  caseId: string,
  input: PlanServiceInput,
  at: Date,
): Promise<{ serviceId: string }> {
  const { trx, actor } = uow;
  const kase = await caseLedBy(uow, caseId);
  const provider = await trx
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', input.providerOrganisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!provider)
    throw notFound(translate(actor.locale, 'caseNetwork.organisation_entity'), input.providerOrganisationId);
  const inserted = await trx
    .insertInto('case_services')
    .values({
      case_id: kase.caseId,
      child_id: kase.childId,
      service: input.service,
      provider_org_id: provider.id,
      response_days: input.responseDays,
      due_on: addDays(shanghaiDateOf(at), input.responseDays),
      note: input.note ?? null,
      division_code: kase.divisionCode,
      created_by: actor.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordSystemAction(
    uow,
    serviceWorkflow,
    { id: inserted.id, childId: kase.childId, state: initialState(serviceWorkflow) },
    {
      type: 'plan',
      payload: {
        caseId,
        service: input.service,
        providerOrganisationId: provider.id,
        responseDays: input.responseDays,
      },
      at,
    },
  );
  uow.audit({
    entityType: 'case_service',
    entityId: inserted.id,
    childId: kase.childId,
    details: { caseId, service: input.service, provider: provider.id },
  });
  return { serviceId: inserted.id };
}

/** Refer, deliver or not deliver a planned service (the workflow engine: scope, expectedSeq, status, effects). */
export async function actOnServiceIn(
  uow: UnitOfWork,
  serviceId: string,
  input: ServiceActionInput,
  at: Date,
): Promise<{ seq: number }> {
  const { seq } = await performAction(uow, serviceWorkflow, serviceId, input, at);
  return { seq };
}

/**
 * Asks another organisation to lead the case: only the lead asks, the receiver must be allowed to
 * lead by the place's rules (else refused with the reason), one transfer waits at a time.
 */
export async function requestLeadTransferIn(
  uow: UnitOfWork,
  caseId: string,
  input: RequestTransferInput,
  at: Date,
): Promise<{ transferId: string }> {
  const { trx, actor } = uow;
  const kase = await caseLedBy(uow, caseId);
  if (input.toOrganisationId === kase.leadOrgId)
    throw new DomainError('caseNetwork.same_lead', 400, {}, [
      { path: 'body.toOrganisationId', code: 'caseNetwork.same_lead' },
    ]);
  await requireLeadMayLead(trx, actor.locale, input.toOrganisationId, kase.divisionCode, at, 'toOrganisationId');
  const waiting = await trx
    .selectFrom('case_lead_transfers')
    .select('id')
    .where('case_id', '=', caseId)
    .where('waiting', '=', true)
    .executeTakeFirst();
  if (waiting) throw new DomainError('caseNetwork.transfer_waiting', 409);
  const inserted = await trx
    .insertInto('case_lead_transfers')
    .values({
      case_id: caseId,
      child_id: kase.childId,
      from_org_id: kase.leadOrgId,
      to_org_id: input.toOrganisationId,
      reason: input.reason,
      division_code: kase.divisionCode,
      created_by: actor.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // A concurrent request got there first (one waiting transfer per case).
      if ((error as { code?: string }).code === '23505') throw new DomainError('caseNetwork.transfer_waiting', 409);
      throw error;
    });
  await recordSystemAction(
    uow,
    transferWorkflow,
    { id: inserted.id, childId: kase.childId, state: initialState(transferWorkflow) },
    { type: 'request', payload: { caseId, toOrganisationId: input.toOrganisationId, reason: input.reason }, at },
  );
  uow.audit({
    entityType: 'case_lead_transfer',
    entityId: inserted.id,
    childId: kase.childId,
    details: { caseId, from: kase.leadOrgId, to: input.toOrganisationId },
  });
  return { transferId: inserted.id };
}

/** Accept, reject (the receiver) or withdraw (the sender) a lead transfer. */
export async function actOnLeadTransferIn(
  uow: UnitOfWork,
  transferId: string,
  input: TransferActionInput,
  at: Date,
): Promise<{ seq: number }> {
  const { seq } = await performAction(uow, transferWorkflow, transferId, input, at);
  return { seq };
}

type Idempotency = string | undefined;
const keyed = (key: Idempotency, prefix: string, request: unknown) =>
  key ? { key: `${prefix}:${key}`, request } : undefined;

export async function planService(db: Db, actor: Actor, caseId: string, input: PlanServiceInput, key: Idempotency) {
  const { replayed } = await unitOfWork(
    db,
    actor,
    'case_service.plan',
    (uow) => planServiceIn(uow, caseId, input, new Date()),
    keyed(key, `plan:${caseId}`, input),
  );
  return { view: await readCasePlan(db, actor, caseId, { audit: false }), replayed };
}

export async function actOnService(
  db: Db,
  actor: Actor,
  serviceId: string,
  input: ServiceActionInput,
  key: Idempotency,
): Promise<{ caseId: string; seq: number; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    `case_service.${input.type}`,
    (uow) => actOnServiceIn(uow, serviceId, input, new Date()),
    keyed(key, serviceId, input),
  );
  const row = await db
    .selectFrom('case_services')
    .where(systemScope('the service the unit of work just acted on through childInScope'))
    .select('case_id')
    .where('id', '=', serviceId)
    .executeTakeFirstOrThrow();
  return { caseId: row.case_id, seq: result.seq, replayed };
}

export async function requestLeadTransfer(
  db: Db,
  actor: Actor,
  caseId: string,
  input: RequestTransferInput,
  key: Idempotency,
): Promise<{ view: CasePlanServices; replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    'case_lead_transfer.request',
    (uow) => requestLeadTransferIn(uow, caseId, input, new Date()),
    keyed(key, `transfer:${caseId}`, input),
  );
  return { view: await readCasePlan(db, actor, caseId, { audit: false }), replayed };
}

export async function actOnLeadTransfer(
  db: Db,
  actor: Actor,
  transferId: string,
  input: TransferActionInput,
  key: Idempotency,
): Promise<{ replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    `case_lead_transfer.${input.type}`,
    (uow) => actOnLeadTransferIn(uow, transferId, input, new Date()),
    keyed(key, transferId, input),
  );
  return { replayed };
}
export { caseServicesBetween } from './insight-reads.js';
