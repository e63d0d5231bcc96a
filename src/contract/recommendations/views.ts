import { z } from 'zod';
import { actionLogEntryWithPayloadSchema, subjectClockSchema } from '../subject-log.js';
import { type OrganisationKind, organisationKindCodes } from '../organisations/kinds.js';
import {
  recommendationActionTypes,
  recommendationClockRules,
  recommendationStatuses,
  recommendationUserActions,
} from './vocabulary.js';

/* What the recommendation API speaks: issuing, the actions, the answers and the list query. Pure. */

const kindCodes = organisationKindCodes as [OrganisationKind, ...OrganisationKind[]];
const text = (max: number) => z.string().trim().min(1, { error: 'recommendations.text_required' }).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const isoDateSchema = z.iso.date({ error: 'recommendations.date_format' });

export const issueRecommendationSchema = z.object({
  /** The unit the recommendation is addressed to: a school, a civil affairs bureau, a township government… */
  toOrganisationId: z.uuid(),
  /** The document number (文号), e.g. 荆检建〔2026〕3号. */
  reference: optionalText(100),
  /** Optionally about one child (and one of its cases): then the child must be in the prosecutor's scope. */
  childId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  facts: text(4000),
  recommends: text(4000),
});
export type IssueRecommendationInput = z.infer<typeof issueRecommendationSchema>;

const expected = { expectedSeq: z.number().int().min(1) };
export const recommendationActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('reply'),
    ...expected,
    text: text(8000),
    /** The written reply's document (its number or a document id); uploads are the documents feature's. */
    documentReference: optionalText(200),
  }),
  z.object({ type: z.literal('accept'), ...expected, note: optionalText(1000) }),
  z.object({ type: z.literal('return'), ...expected, reason: text(2000) }),
  z.object({ type: z.literal('withdraw'), ...expected, reason: text(2000) }),
  z.object({
    type: z.literal('note_litigation'),
    ...expected,
    filedOn: isoDateSchema,
    court: text(200),
    note: optionalText(1000),
  }),
]);
export type RecommendationActionInput = z.infer<typeof recommendationActionSchema>;

const orgSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(kindCodes) });

export const recommendationReplySchema = z.object({
  text: z.string(),
  documentReference: z.string().nullable(),
  repliedAt: z.string(),
  by: z.string(),
});

export const litigationSchema = z.object({ filedOn: z.string(), court: z.string(), note: z.string().nullable() });

export const recommendationView = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  from: orgSchema,
  to: orgSchema,
  /** Whether it is about a child; the child is named only to those who have the child in scope. */
  aboutChild: z.boolean(),
  child: z.object({ id: z.string(), name: z.string() }).nullable(),
  caseId: z.string().nullable(),
  facts: z.string(),
  recommends: z.string(),
  issuedAt: z.string(),
  status: z.enum(recommendationStatuses),
  seq: z.number(),
  replyDueAt: z.string().nullable(),
  overdue: z.boolean(),
  reply: recommendationReplySchema.nullable(),
  litigation: litigationSchema.nullable(),
  actions: z.array(actionLogEntryWithPayloadSchema(recommendationActionTypes, recommendationStatuses)),
  clocks: z.array(subjectClockSchema(recommendationClockRules)),
  allowedActions: z.array(z.enum(recommendationUserActions)),
});
export type RecommendationView = z.infer<typeof recommendationView>;

export const recommendationListQuerySchema = z.object({
  direction: z.enum(['issued', 'received', 'all']).default('all'),
  status: z.enum(recommendationStatuses).optional(),
});
export type RecommendationListQuery = z.infer<typeof recommendationListQuerySchema>;

export const recommendationListItemSchema = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  from: orgSchema,
  to: orgSchema,
  recommends: z.string(),
  status: z.enum(recommendationStatuses),
  seq: z.number(),
  issuedAt: z.string(),
  repliedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  received: z.boolean(),
  litigation: z.boolean(),
  allowedActions: z.array(z.enum(recommendationUserActions)),
});
export type RecommendationListItem = z.infer<typeof recommendationListItemSchema>;
export const recommendationListSchema = z.object({ items: z.array(recommendationListItemSchema) });
export type RecommendationList = z.infer<typeof recommendationListSchema>;

/** The inbox: a recommendation my unit must answer in writing, or a reply my procuratorate must review. */
export const recommendationWaitingSchema = z.object({
  recommendationId: z.string(),
  reference: z.string().nullable(),
  waitingFor: z.enum(['reply', 'review']),
  otherOrganisation: z.string(),
  status: z.enum(recommendationStatuses),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type RecommendationWaiting = z.infer<typeof recommendationWaitingSchema>;

/** The `error.details` of a recommendation's 409s. */
export const recommendationActionNotAllowedDetailsSchema = z.object({
  status: z.enum(recommendationStatuses),
  allowedActions: z.array(z.enum(recommendationUserActions)),
  current: recommendationView.optional(),
});
export const recommendationStaleDetailsSchema = z.object({ current: recommendationView.optional() });
