import { z } from 'zod';
import { actionLogEntrySchema } from '../subject-log.js';
import { organisationKindCodes, type OrganisationKind } from '../organisations/kinds.js';
import { consentSchema } from '../referrals/views.js';
import { sharedParts } from '../referrals/vocabulary.js';
import { serviceCodes } from '../service-matrix/vocabulary.js';
import {
  deliveryRoutes,
  serviceActionTypes,
  serviceStatuses,
  serviceUserActions,
  transferActionTypes,
  transferStatuses,
  transferUserActions,
} from './vocabulary.js';

/* What the API of a case plan's services and lead transfers speaks. Pure. */

const kindCodes = organisationKindCodes as [OrganisationKind, ...OrganisationKind[]];
const text = (max: number) => z.string().trim().min(1).max(max);
const reasonSchema = z.string().trim().min(1, { error: 'caseNetwork.reason_required' }).max(1000);
const isoDateSchema = z.iso.date({ error: 'caseNetwork.date_format' });
const expected = { expectedSeq: z.number().int().min(1).meta({ description: 'seq of the last action you saw' }) };

export const planServiceSchema = z.object({
  service: z.enum(serviceCodes),
  providerOrganisationId: z.uuid(),
  /** Days from today within which the service should be delivered: the due date. */
  responseDays: z.number().int().min(0).max(365),
  note: z.string().trim().max(1000).optional(),
});
export type PlanServiceInput = z.infer<typeof planServiceSchema>;
export type PlanServiceBody = z.input<typeof planServiceSchema>;

export const serviceActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('refer'),
    ...expected,
    shares: z.array(z.enum(sharedParts)).max(sharedParts.length),
    reason: text(2000),
    consent: consentSchema,
  }),
  z.object({
    type: z.literal('deliver'),
    ...expected,
    deliveredOn: isoDateSchema,
    note: z.string().trim().max(1000).optional(),
  }),
  z.object({ type: z.literal('not_deliver'), ...expected, decidedOn: isoDateSchema, reason: reasonSchema }),
]);
export type ServiceActionInput = z.infer<typeof serviceActionSchema>;
export type ServiceActionBody = z.input<typeof serviceActionSchema>;

export const requestTransferSchema = z.object({
  toOrganisationId: z.uuid(),
  reason: reasonSchema,
});
export type RequestTransferInput = z.infer<typeof requestTransferSchema>;

export const transferActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), ...expected, note: z.string().trim().max(1000).optional() }),
  z.object({ type: z.literal('reject'), ...expected, reason: reasonSchema }),
  z.object({ type: z.literal('withdraw'), ...expected, reason: reasonSchema }),
]);
export type TransferActionInput = z.infer<typeof transferActionSchema>;
export type TransferActionBody = z.input<typeof transferActionSchema>;

const orgSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(kindCodes) });

export const plannedServiceSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  seq: z.number(),
  service: z.enum(serviceCodes),
  provider: orgSchema,
  route: z.enum(deliveryRoutes),
  responseDays: z.number(),
  dueOn: z.string(),
  note: z.string().nullable(),
  /** Folded from the log; a service whose referral completed shows delivered on the referral's day. */
  status: z.enum(serviceStatuses),
  referralId: z.string().nullable(),
  referralStatus: z.string().nullable(),
  /** The day it was delivered, or decided not to be. */
  settledOn: z.string().nullable(),
  notDeliveredReason: z.string().nullable(),
  overdue: z.boolean(),
  allowedActions: z.array(z.enum(serviceUserActions)),
  history: z.array(actionLogEntrySchema(serviceActionTypes, serviceStatuses)),
});
export type PlannedService = z.infer<typeof plannedServiceSchema>;

export const leadTransferSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  seq: z.number(),
  from: orgSchema,
  to: orgSchema,
  reason: z.string(),
  status: z.enum(transferStatuses),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  allowedActions: z.array(z.enum(transferUserActions)),
  history: z.array(actionLogEntrySchema(transferActionTypes, transferStatuses)),
});
export type LeadTransfer = z.infer<typeof leadTransferSchema>;

/** The plan's review: what was delivered against what was planned. */
export const planReviewSchema = z.object({
  planned: z.number(),
  delivered: z.number(),
  notDelivered: z.number(),
  open: z.number(),
  overdue: z.number(),
});

export const casePlanServicesSchema = z.object({
  caseId: z.string(),
  leadOrganisationId: z.string(),
  /** Where the child lives: the place whose matrix routes the plan's services. */
  divisionCode: z.string(),
  services: z.array(plannedServiceSchema),
  review: planReviewSchema,
  transfers: z.array(leadTransferSchema),
  canPlan: z.boolean(),
  canTransfer: z.boolean(),
  /** Read through a referral that shares the case summary: only the services the reader's organisation provides. */
  ownServicesOnly: z.boolean(),
});
export type CasePlanServices = z.infer<typeof casePlanServicesSchema>;

/** After an action on a service: the plan, or null when the asker no longer sees the case (a former lead done). */
export const serviceActedSchema = z.object({
  serviceId: z.string(),
  seq: z.number(),
  plan: casePlanServicesSchema.nullable(),
});
export type ServiceActed = z.infer<typeof serviceActedSchema>;

export const incomingTransfersSchema = z.object({ items: z.array(leadTransferSchema) });

/** A row of "my work": a service my organisation provides, or a lead transfer waiting for my answer. */
export const serviceDueSchema = z.object({
  serviceId: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  childName: z.string(),
  service: z.enum(serviceCodes),
  status: z.enum(serviceStatuses),
  dueOn: z.string(),
  overdue: z.boolean(),
});
export type ServiceDue = z.infer<typeof serviceDueSchema>;

export const transferWaitingSchema = z.object({
  transferId: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  fromOrganisation: z.string(),
  requestedAt: z.string(),
});
export type TransferWaiting = z.infer<typeof transferWaitingSchema>;
