import { z } from 'zod';
import { relationCodes } from '../registry/vocabulary.js';
import { serviceCodes } from '../service-matrix/vocabulary.js';
import { evaluationStageCodes, indicatorKindCodes, sessionKindCodes } from './vocabulary.js';

/* What the purchased-service API speaks. Amounts are integers in fen (分), never floats. Pure. */

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date({ error: 'projects.date_format' });
const divisionCode = z.string().regex(/^\d{12}$/, { error: 'projects.division_format' });
/** An amount in fen: a whole number, never a float (1 yuan = 100 fen). */
export const fenSchema = z.number().int({ error: 'projects.fen_integer' }).min(0).max(1e13);

export const indicatorInputSchema = z.object({
  /** Free text on purpose: a kind Haven cannot count is refused by name (400), not as an unknown enum. */
  kind: z.string().trim().min(1).max(60),
  target: z.number().int().min(0).max(1_000_000),
});

export const createProjectSchema = z.object({
  title: text(200),
  contractNumber: z.string().trim().max(60).optional(),
  providerOrganisationId: z.uuid(),
  startsOn: isoDate,
  endsOn: isoDate,
  areaCodes: z.array(divisionCode).min(1).max(20),
  services: z.array(z.enum(serviceCodes)).max(serviceCodes.length).default([]),
  budgetFen: fenSchema,
  /** Instalments; their planned amounts add up to the budget. */
  paymentSchedule: z
    .array(z.object({ dueOn: isoDate, plannedFen: fenSchema }))
    .min(1)
    .max(24),
  indicators: z.array(indicatorInputSchema).max(20).default([]),
});
export type CreateProjectInput = z.infer<typeof createProjectSchema>;

export const editProjectSchema = z.object({
  expectedVersion: z.number().int().min(1),
  title: text(200).optional(),
  endsOn: isoDate.optional(),
  indicators: z.array(indicatorInputSchema).max(20).optional(),
});
export type EditProjectInput = z.infer<typeof editProjectSchema>;

export const recordPaymentSchema = z.object({
  expectedVersion: z.number().int().min(1),
  paidOn: isoDate,
  paidFen: fenSchema,
  voucher: z.string().trim().max(100).optional(),
});
export type RecordPaymentInput = z.infer<typeof recordPaymentSchema>;

export const addPostSchema = z.object({
  personName: text(60),
  userId: z.uuid().optional(),
  hostOrganisationId: z.uuid(),
  startsOn: isoDate,
  endsOn: isoDate,
});
export type AddPostInput = z.infer<typeof addPostSchema>;

export const evaluateSchema = z.object({
  stage: z.enum(evaluationStageCodes),
  evaluatedOn: isoDate,
  findings: text(4000),
});
export type EvaluateInput = z.infer<typeof evaluateSchema>;

export const replySchema = z.object({ expectedVersion: z.number().int().min(1), reply: text(4000) });
export type ReplyInput = z.infer<typeof replySchema>;

/** One person who attended a session: a name and, for a child's session, the relation to the child. */
export const sessionAttendeeSchema = z.object({
  name: z.string().trim().min(1).max(50),
  relation: z.enum(relationCodes).optional(),
});
export type SessionAttendee = z.infer<typeof sessionAttendeeSchema>;

export const recordSessionSchema = z
  .object({
    kind: z.enum(sessionKindCodes),
    /** The child served (counselling, family education); none for a training or group session. */
    childId: z.uuid().optional(),
    /** Where a session without a child was held (its division code). */
    divisionCode: divisionCode.optional(),
    heldOn: isoDate,
    minutes: z.number().int().min(1).max(1440),
    /** How many attended; when left out, the number of people named (at least one). */
    attendees: z.number().int().min(1).max(10_000).optional(),
    /** Who attended by name — the guardians at a parenting or family-education session. */
    attendedBy: z.array(sessionAttendeeSchema).max(200).default([]),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((s) => s.childId !== undefined || s.divisionCode !== undefined, {
    error: 'projects.session_needs_place',
    path: ['divisionCode'],
  })
  .refine((s) => s.attendees === undefined || s.attendees >= s.attendedBy.length, {
    error: 'projects.attendees_fewer_than_named',
    path: ['attendees'],
  });
/** What the use case takes: the parsed body, or a caller's own object (the demo) with the defaults left out. */
export type RecordSessionInput = z.input<typeof recordSessionSchema>;

const organisationRef = z.object({ id: z.uuid(), name: z.string() });

export const indicatorValueSchema = z.object({
  kind: z.enum(indicatorKindCodes),
  target: z.number().int(),
  actual: z.number().int(),
  /** actual / target in whole percent (null for a zero target). */
  percent: z.number().int().nullable(),
});
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

export const paymentViewSchema = z.object({
  instalment: z.number().int(),
  dueOn: z.string(),
  plannedFen: z.number().int(),
  paidFen: z.number().int().nullable(),
  paidOn: z.string().nullable(),
  voucher: z.string().nullable(),
  version: z.number().int(),
});

export const budgetExecutionSchema = z.object({
  budgetFen: z.number().int(),
  plannedToDateFen: z.number().int(),
  paidFen: z.number().int(),
  /** paid / budget in whole percent. */
  paidPercent: z.number().int(),
});

export const evaluationViewSchema = z.object({
  stage: z.enum(evaluationStageCodes),
  evaluatedOn: z.string(),
  indicators: z.array(indicatorValueSchema),
  findings: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  version: z.number().int(),
});

export const postViewSchema = z.object({
  id: z.uuid(),
  personName: z.string(),
  host: organisationRef,
  startsOn: z.string(),
  endsOn: z.string(),
});

export const projectViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  contractNumber: z.string().nullable(),
  purchaser: organisationRef,
  provider: organisationRef,
  startsOn: z.string(),
  endsOn: z.string(),
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
  services: z.array(z.enum(serviceCodes)),
  indicators: z.array(indicatorValueSchema),
  payments: z.array(paymentViewSchema),
  budget: budgetExecutionSchema,
  posts: z.array(postViewSchema),
  evaluations: z.array(evaluationViewSchema),
  version: z.number().int(),
  /** What the reader may do: manage (the purchaser) and deliver/reply (the provider). */
  mayManage: z.boolean(),
  mayReply: z.boolean(),
});
export type ProjectView = z.infer<typeof projectViewSchema>;

export const projectSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  purchaser: organisationRef,
  provider: organisationRef,
  startsOn: z.string(),
  endsOn: z.string(),
  areaCodes: z.array(z.string()),
  budgetFen: z.number().int(),
  paidFen: z.number().int(),
  /** Mean of the indicators' percentages (each capped at 100), null without indicators. */
  achievementPercent: z.number().int().nullable(),
  indicators: z.array(indicatorValueSchema),
});

export const providerComparisonSchema = z.object({
  provider: organisationRef,
  projects: z.number().int(),
  budgetFen: z.number().int(),
  paidFen: z.number().int(),
  achievementPercent: z.number().int().nullable(),
});

export const projectListSchema = z.object({
  projects: z.array(projectSummarySchema),
  providers: z.array(providerComparisonSchema),
});
export type ProjectList = z.infer<typeof projectListSchema>;

export const projectListQuerySchema = z.object({
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const budgetByCountySchema = z.object({
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      children: z.number().int(),
      budgetFen: z.number().int(),
      /** Whole fen per child in difficulty; null where the county has none registered. */
      fenPerChild: z.number().int().nullable(),
    }),
  ),
});

export const sessionViewSchema = z.object({ id: z.uuid() });
