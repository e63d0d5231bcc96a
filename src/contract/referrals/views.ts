import { z } from 'zod';
import { actionLogEntryWithPayloadSchema, subjectClockSchema } from '../subject-log.js';
import { organisationKindCodes, type OrganisationKind } from '../organisations/kinds.js';
import { serviceCodes } from '../service-matrix/vocabulary.js';
import {
  consentAnswers,
  referralActionTypes,
  referralClockRules,
  referralStatuses,
  referralUserActions,
  sharedParts,
} from './vocabulary.js';

/* What the referral API speaks: the request, the actions, the answers and the list query. Pure. */

const kindCodes = organisationKindCodes as [OrganisationKind, ...OrganisationKind[]];
const text = (max: number) => z.string().trim().min(1).max(max);
const reasonSchema = z.string().trim().min(1, { error: 'referrals.reason_required' }).max(1000);
const isoDateSchema = z.iso.date({ error: 'referrals.date_format' });

export const consentSchema = z.object({
  guardian: z.enum(consentAnswers),
  child: z.enum(consentAnswers),
  /** Why the referral goes ahead without a consent the rules ask for (e.g. the guardian is the harm). */
  waiverReason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(500).optional(),
});
export type Consent = z.infer<typeof consentSchema>;

export const createReferralSchema = z.object({
  childId: z.uuid(),
  caseId: z.uuid().optional(),
  toOrganisationId: z.uuid(),
  service: z.enum(serviceCodes),
  /** What the receiver may see while the referral is open; identity is always included. */
  shares: z
    .array(z.enum(sharedParts))
    .max(sharedParts.length)
    .refine((parts) => parts.includes('identity'), { error: 'referrals.identity_required' }),
  /** Ids of the documents shared, when `documents` is shared. */
  documentIds: z.array(z.uuid()).max(50).default([]),
  reason: text(2000),
  /** When the service should be delivered; the completion clock runs to the end of this day. */
  dueOn: isoDateSchema.optional(),
  consent: consentSchema,
});
export type CreateReferralInput = z.infer<typeof createReferralSchema>;

const expected = { expectedSeq: z.number().int().min(1) };
export const referralActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), ...expected, note: z.string().trim().max(1000).optional() }),
  z.object({ type: z.literal('decline'), ...expected, reason: reasonSchema }),
  z.object({ type: z.literal('start'), ...expected, note: z.string().trim().max(1000).optional() }),
  z.object({ type: z.literal('complete'), ...expected, outcome: text(2000) }),
  z.object({ type: z.literal('withdraw'), ...expected, reason: reasonSchema }),
]);
export type ReferralActionInput = z.infer<typeof referralActionSchema>;

const orgSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(kindCodes) });

export const referralWarningSchema = z.object({
  code: z.literal('referrals.service_not_in_matrix'),
  message: z.string(),
});
export type ReferralWarning = z.infer<typeof referralWarningSchema>;

export const referralActionViewSchema = actionLogEntryWithPayloadSchema(referralActionTypes, referralStatuses);

export const referralClockViewSchema = subjectClockSchema(referralClockRules);

export const referralViewSchema = z.object({
  id: z.string(),
  child: z.object({ id: z.string(), name: z.string() }),
  caseId: z.string().nullable(),
  from: orgSchema,
  to: orgSchema,
  service: z.enum(serviceCodes),
  shares: z.array(z.enum(sharedParts)),
  documentIds: z.array(z.string()),
  reason: z.string(),
  dueOn: z.string().nullable(),
  consent: consentSchema,
  status: z.enum(referralStatuses),
  seq: z.number(),
  createdAt: z.string(),
  actions: z.array(referralActionViewSchema),
  clocks: z.array(referralClockViewSchema),
  allowedActions: z.array(z.enum(referralUserActions)),
});
export type ReferralView = z.infer<typeof referralViewSchema>;

export const createdReferralSchema = referralViewSchema.extend({ warnings: z.array(referralWarningSchema) });
export type CreatedReferral = z.infer<typeof createdReferralSchema>;

export const referralListQuerySchema = z.object({
  direction: z.enum(['incoming', 'outgoing', 'all']).default('all'),
  status: z.enum(referralStatuses).optional(),
  childId: z.uuid().optional(),
});
export type ReferralListQuery = z.infer<typeof referralListQuerySchema>;

export const referralListItemSchema = z.object({
  id: z.string(),
  child: z.object({ id: z.string(), name: z.string() }),
  from: orgSchema,
  to: orgSchema,
  service: z.enum(serviceCodes),
  status: z.enum(referralStatuses),
  seq: z.number(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  incoming: z.boolean(),
  allowedActions: z.array(z.enum(referralUserActions)),
});
export type ReferralListItem = z.infer<typeof referralListItemSchema>;
export const referralListSchema = z.object({ items: z.array(referralListItemSchema) });
export type ReferralList = z.infer<typeof referralListSchema>;

/** A referral waiting for my organisation (the inbox): to answer, or to deliver. */
export const referralWaitingSchema = z.object({
  referralId: z.string(),
  childName: z.string(),
  fromOrganisation: z.string(),
  service: z.enum(serviceCodes),
  status: z.enum(referralStatuses),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type ReferralWaiting = z.infer<typeof referralWaitingSchema>;
