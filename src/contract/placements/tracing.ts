import { z } from 'zod';

/* The rescue station's tracing register (寻亲): requests, leads, matches, identity. Pure. */

export const tracingStatuses = ['open', 'matched', 'identified', 'closed'] as const;
export type TracingStatus = (typeof tracingStatuses)[number];

export const tracingOutcomes = ['escorted_home', 'transferred', 'withdrawn'] as const;
export type TracingOutcome = (typeof tracingOutcomes)[number];

/** Where a lead came from. */
export const leadSources = [
  'child_statement',
  'police_database',
  'dna_comparison',
  'public_notice',
  'family_search',
  'media',
  'other',
] as const;
export type LeadSource = (typeof leadSources)[number];

export const leadDecisions = ['ruled_out', 'matched'] as const;
export type LeadDecision = (typeof leadDecisions)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const instant = z.iso.datetime({ offset: true, error: 'placements.instant_format' });
const version = z.number().int().min(1);

/** Opening a tracing request for a child whose identity is unknown. Photos are documents of the request. */
export const openTracingSchema = z.object({
  childId: z.uuid(),
  foundAt: instant,
  foundPlace: text(300),
  known: z.object({
    statedName: optionalText(100),
    statedAge: z.number().int().min(0).max(18).nullable().optional(),
    dialect: optionalText(100),
    statements: optionalText(2000),
  }),
  /** Appearance, marks, clothing: what a family would recognise. */
  description: text(2000),
});
export type OpenTracingInput = z.input<typeof openTracingSchema>;

export const familySchema = z.object({
  name: text(100),
  relationship: text(50),
  phone: optionalText(30),
  divisionCode: z
    .string()
    .regex(/^\d{12}$/, { error: 'placements.division_format' })
    .nullable()
    .optional(),
  address: optionalText(300),
});

export const addLeadSchema = z.object({
  expectedVersion: version,
  source: z.enum(leadSources),
  summary: text(2000),
  /** The family the lead points to, when it names one. */
  family: familySchema.nullable().optional(),
});
export type AddLeadInput = z.input<typeof addLeadSchema>;

export const decideLeadSchema = z.object({
  expectedVersion: version,
  decision: z.enum(leadDecisions),
  note: text(1000),
});

export const confirmIdentitySchema = z.object({
  expectedVersion: version,
  /** The 18-character resident ID number (checked like every ID number in the registry). */
  idNumber: z.string().trim().min(1).max(30),
  /** The child's name as the family gives it (the name the child was known by stays as a former name). */
  name: optionalText(60),
  /** How the identity was confirmed: household register, DNA, the family's documents. */
  evidence: text(1000),
});

export const closeTracingSchema = z.object({ expectedVersion: version, note: text(1000) });

const familyView = z.object({
  name: z.string(),
  relationship: z.string(),
  phone: z.string().nullable(),
  divisionCode: z.string().nullable(),
  address: z.string().nullable(),
});

export const tracingLeadViewSchema = z.object({
  id: z.string(),
  source: z.enum(leadSources),
  summary: z.string(),
  family: familyView.nullable(),
  status: z.enum(['open', ...leadDecisions]),
  decisionNote: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const tracingSummarySchema = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  /** The Haven code the child had when the request was opened (it still finds the child). */
  provisionalCode: z.string(),
  identified: z.boolean(),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(tracingStatuses),
  outcome: z.enum(tracingOutcomes).nullable(),
  foundAt: z.string(),
  foundPlace: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  daysOpen: z.number().int(),
  leads: z.number().int(),
  /** Open longer than the rule allows (placements.tracingOpenDays). */
  overdue: z.boolean(),
});
export type TracingSummary = z.infer<typeof tracingSummarySchema>;

export const tracingViewSchema = tracingSummarySchema.extend({
  version: z.number().int(),
  known: z.object({
    statedName: z.string().nullable(),
    statedAge: z.number().int().nullable(),
    dialect: z.string().nullable(),
    statements: z.string().nullable(),
  }),
  description: z.string(),
  matchedLeadId: z.string().nullable(),
  identifiedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  leadList: z.array(tracingLeadViewSchema),
  /** The child's current placement (the episode an escort home ends), if the asker sees it. */
  placementId: z.string().nullable(),
  /** Where documents (photos) of the request attach: entity type and id for the documents feature. */
  documentsOwner: z.object({ entityType: z.literal('tracing_request'), entityId: z.string() }),
  canAct: z.boolean(),
});
export type TracingView = z.infer<typeof tracingViewSchema>;

export const tracingListQuerySchema = z.object({ status: z.enum(['active', 'closed', 'all']).default('active') });

export const tracingListSchema = z.object({ requests: z.array(tracingSummarySchema) });
export type TracingList = z.infer<typeof tracingListSchema>;

/** My work: a tracing request open too long (for the institution that keeps it). */
export const tracingWaitingSchema = tracingSummarySchema.pick({
  id: true,
  childName: true,
  provisionalCode: true,
  status: true,
  openedAt: true,
  daysOpen: true,
  overdue: true,
});
export type TracingWaiting = z.infer<typeof tracingWaitingSchema>;

/** My work: an extension waiting for my approval, or a stay past its limit at my station. */
export const stayWaitingSchema = z.object({
  placementId: z.string(),
  childName: z.string(),
  organisation: z.string(),
  kind: z.enum(['extension_to_approve', 'stay_overdue']),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type StayWaiting = z.infer<typeof stayWaitingSchema>;
