import {
  type ServiceActionInput,
  serviceActionSchema,
  type TransferActionInput,
  transferActionSchema,
} from '../../contract/case-network/views.js';
import type {
  ServiceActionType,
  ServiceStatus,
  TransferActionType,
  TransferStatus,
} from '../../contract/case-network/vocabulary.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import { type ActionEffect, defineWorkflow, type Subject } from '../../core/workflow/definition.js';
import { reassignClocks } from '../../core/clocks/index.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { DomainError } from '../../platform/errors.js';
import { caseLeadIn, handOverCaseLeadIn } from '../cases/service.js';
import { requestReferralIn } from '../referrals/service.js';
import { transferVisibleTo } from './access.js';
import { requireLeadMayLead } from './lead-rules.js';
import { transferSideOf, serviceStatusTable, transferStatusTable } from './rules.js';
import { formerLeadStillTakesPart, releaseFormerLeadWhenDone } from './taking-part.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { systemActor } from '../../platform/access/actor.js';
import './messages.js';
import './tables.js';

export interface ServiceFields {
  caseId: string;
  service: ServiceCode;
  providerOrgId: string;
  dueOn: string;
  referralId: string | null;
}
export type LockedService = Subject<ServiceStatus, ServiceActionType, ServiceFields>;
type ServiceEffect<K extends ServiceActionInput['type']> = ActionEffect<
  LockedService,
  Extract<ServiceActionInput, { type: K }>
>;

/** The case of a service, read by the system: the service was locked through the child's scope. */
async function caseOf(uow: Parameters<ServiceEffect<'deliver'>>[0]['uow'], caseId: string) {
  const kase = await caseLeadIn(uow.trx, systemActor('the case of a service locked through childInScope'), caseId);
  if (!kase) throw new DomainError('caseNetwork.case_missing', 404);
  return kase;
}

function notInFuture(day: string, field: string, at: Date): void {
  if (day > shanghaiDateOf(at))
    throw new DomainError('caseNetwork.date_in_future', 400, { field: `body.${field}`, date: day }, [
      { path: `body.${field}`, code: 'caseNetwork.date_in_future' },
    ]);
}

const refer: ServiceEffect<'refer'> = async ({ uow, subject, input, at }) => {
  const kase = await caseOf(uow, subject.caseId);
  if (uow.actor.organisationId !== kase.leadOrgId) throw new DomainError('caseNetwork.not_lead', 403);
  if (subject.providerOrgId === kase.leadOrgId) throw new DomainError('caseNetwork.lead_delivers_itself', 409);
  const today = shanghaiDateOf(at);
  const { referralId, warnings } = await requestReferralIn(
    uow,
    {
      childId: subject.childId,
      caseId: subject.caseId,
      toOrganisationId: subject.providerOrgId,
      service: subject.service,
      shares: [...new Set(['identity' as const, ...input.shares])],
      documentIds: [],
      reason: input.reason,
      dueOn: subject.dueOn >= today ? subject.dueOn : undefined,
      consent: input.consent,
    },
    at,
  );
  await uow.trx
    .updateTable('case_services')
    .where(systemScope('the service the workflow locked through childInScope'))
    .set({ referral_id: referralId })
    .where('id', '=', subject.id)
    .execute();
  return { payload: { referralId, warnings: warnings.map((w) => w.code) } };
};

/** The lead or the provider records the outcome of a service. */
async function requireLeadOrProvider(uow: Parameters<ServiceEffect<'deliver'>>[0]['uow'], subject: LockedService) {
  const kase = await caseOf(uow, subject.caseId);
  const org = uow.actor.organisationId;
  if (org !== kase.leadOrgId && org !== subject.providerOrgId)
    throw new DomainError('caseNetwork.not_lead_or_provider', 403);
}

const deliver: ServiceEffect<'deliver'> = async ({ uow, subject, input, at }) => {
  await requireLeadOrProvider(uow, subject);
  notInFuture(input.deliveredOn, 'deliveredOn', at);
  return { after: () => releaseFormerLeadWhenDone(uow, subject, at) };
};

const notDeliver: ServiceEffect<'not_deliver'> = async ({ uow, subject, input, at }) => {
  await requireLeadOrProvider(uow, subject);
  notInFuture(input.decidedOn, 'decidedOn', at);
  return { after: () => releaseFormerLeadWhenDone(uow, subject, at) };
};

const servicePayloads = Object.fromEntries(serviceActionSchema.options.map((o) => [o.shape.type.value, o]));

export const serviceWorkflow = defineWorkflow<
  ServiceStatus,
  ServiceActionType,
  ServiceActionInput | { type: 'plan'; expectedSeq: number },
  ServiceFields
>({
  ...serviceStatusTable,
  name: 'caseServices',
  entity: 'case_service',
  log: {
    subjects: 'case_services',
    actions: 'case_service_actions',
    subjectKey: 'case_service_id',
    fields: (row) => ({
      caseId: String(row.case_id),
      service: String(row.service) as ServiceCode,
      providerOrgId: String(row.provider_org_id),
      dueOn: String(row.due_on),
      referralId: row.referral_id === null ? null : String(row.referral_id),
    }),
  },
  payloads: servicePayloads,
  effects: { refer, deliver, not_deliver: notDeliver },
});

export interface TransferFields {
  caseId: string;
  fromOrgId: string;
  toOrgId: string;
  divisionCode: string;
}
export type LockedTransfer = Subject<TransferStatus, TransferActionType, TransferFields>;
type TransferEffect<K extends TransferActionInput['type']> = ActionEffect<
  LockedTransfer,
  Extract<TransferActionInput, { type: K }>
>;

function requireSide(transfer: LockedTransfer, actor: Actor, type: keyof typeof transferSideOf): void {
  const side = transferSideOf[type];
  if (actor.organisationId !== (side === 'receiver' ? transfer.toOrgId : transfer.fromOrgId))
    throw new DomainError(side === 'receiver' ? 'caseNetwork.not_receiver' : 'caseNetwork.not_sender', 403);
}

const settled = (uow: Parameters<TransferEffect<'accept'>>[0]['uow'], transfer: LockedTransfer) =>
  uow.trx
    .updateTable('case_lead_transfers')
    .where(systemScope('the transfer the workflow locked through its parties'))
    .set({ waiting: false })
    .where('id', '=', transfer.id)
    .execute();

const accept: TransferEffect<'accept'> = async ({ uow, subject, at }) => {
  requireSide(subject, uow.actor, 'accept');
  // The rules may have changed since the request: the receiver must still be allowed to lead.
  await requireLeadMayLead(uow.trx, uow.actor.locale, subject.toOrgId, subject.divisionCode, at, 'expectedSeq');
  const formerLeadStays = await formerLeadStillTakesPart(uow.trx, subject.caseId, subject.fromOrgId);
  await handOverCaseLeadIn(
    uow,
    {
      caseId: subject.caseId,
      fromOrgId: subject.fromOrgId,
      toOrgId: subject.toOrgId,
      formerLeadStays,
      transferId: subject.id,
    },
    at,
  );
  // The case's own clocks (assessment, plan, review…) follow the lead to its new organisation.
  await reassignClocks(uow, {
    caseId: subject.caseId,
    subjectTypes: ['case'],
    from: { orgId: subject.fromOrgId },
    to: { orgId: subject.toOrgId },
    at,
  });
  await settled(uow, subject);
  return { payload: { formerLeadStays } };
};

const reject: TransferEffect<'reject'> = async ({ uow, subject }) => {
  requireSide(subject, uow.actor, 'reject');
  await settled(uow, subject);
  return undefined;
};

const withdraw: TransferEffect<'withdraw'> = async ({ uow, subject }) => {
  requireSide(subject, uow.actor, 'withdraw');
  await settled(uow, subject);
  return undefined;
};

const transferPayloads = Object.fromEntries(transferActionSchema.options.map((o) => [o.shape.type.value, o]));

export const transferWorkflow = defineWorkflow<
  TransferStatus,
  TransferActionType,
  TransferActionInput | { type: 'request'; expectedSeq: number },
  TransferFields
>({
  ...transferStatusTable,
  name: 'leadTransfers',
  entity: 'case_lead_transfer',
  log: {
    subjects: 'case_lead_transfers',
    actions: 'case_lead_transfer_actions',
    subjectKey: 'case_lead_transfer_id',
    fields: (row) => ({
      caseId: String(row.case_id),
      fromOrgId: String(row.from_org_id),
      toOrgId: String(row.to_org_id),
      divisionCode: String(row.division_code),
    }),
    // Who may act is who may read (`transferVisibleTo`): a transfer the caller cannot read answers 404.
    visibleTo: (trx, actor) =>
      trx.selectFrom('case_lead_transfers').select('case_lead_transfers.id').where(transferVisibleTo(actor)),
  },
  payloads: transferPayloads,
  effects: { accept, reject, withdraw },
});
