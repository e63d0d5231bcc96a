import { z } from 'zod';
import {
  categoryCodes,
  categoryStates,
  childStatuses,
  guardianshipCapacities,
  riskGrades,
  situationKinds,
  householdBenefitCodes,
  disabilityTypes,
  manualCategoryCodes,
  protectionMeasures,
  relationCodes,
} from './vocabulary.js';

export {
  disabilityTypes,
  householdBenefitCodes,
  manualCategoryCodes,
  type ProtectionMeasure,
  protectionMeasures,
  type RelationCode,
  relationCodes,
} from './vocabulary.js';

/* The child's file as the API speaks it: inputs (validated at the edge) and views. Pure. */

export const isoDateSchema = z.iso.date({ error: 'registry.date_format' });
export const divisionCodeSchema = z.string().regex(/^\d{12}$/, { error: 'registry.division_format' });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const reasonSchema = z.string().trim().min(1, { error: 'registry.reason_required' }).max(500);
const phoneSchema = z
  .string()
  .trim()
  .regex(/^[\d +()-]{3,30}$/, { error: 'registry.phone_format' });

export const situationInputSchema = z.object({
  kind: z.enum(situationKinds),
  place: optionalText(200),
  since: isoDateSchema.nullable().optional(),
  until: isoDateSchema.nullable().optional(),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  disabilityType: z.enum(disabilityTypes).nullable().optional(),
  note: optionalText(500),
});
export type SituationInput = z.infer<typeof situationInputSchema>;

const memberFields = {
  relation: z.enum(relationCodes),
  isGuardian: z.boolean().optional(),
  name: text(60),
  idNumber: z.string().trim().max(18).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  address: optionalText(300),
  guardianshipCapacity: z.enum(guardianshipCapacities).nullable().optional(),
  note: optionalText(500),
  situations: z.array(situationInputSchema).max(20).optional(),
};
export const memberInputSchema = z.object(memberFields);
export type MemberInput = z.infer<typeof memberInputSchema>;
export const memberUpdateSchema = memberInputSchema.partial().extend({
  version: z.number().int().min(1),
  reason: reasonSchema,
  copies: z.string().max(64).optional().meta({
    description:
      "the `copies` value of GET …/family/:memberId/copies the writer saw: a change to the situations also reaches the person's copies on the household siblings' files; when they changed since, 409",
  }),
});
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;
export const memberRemoveSchema = z.object({ version: z.number().int().min(1), reason: reasonSchema });

const childFields = {
  name: text(60),
  formerNames: z.array(text(60)).max(10).optional(),
  sex: z.enum(['male', 'female']).nullable().optional(),
  birthDate: isoDateSchema.nullable().optional(),
  ethnicity: optionalText(30),
  idNumber: z.string().trim().max(18).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  address: optionalText(300),
  residenceCode: divisionCodeSchema,
  hukouCode: divisionCodeSchema.nullable().optional(),
  school: optionalText(100),
  grade: optionalText(30),
  disabilityType: z.enum(disabilityTypes).nullable().optional(),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  disabilityCertificate: optionalText(40),
  seriousIllness: optionalText(200),
  householdBenefits: z.array(z.enum(householdBenefitCodes)).max(3).optional(),
  riskGrade: z.enum(riskGrades).nullable().optional(),
};
const childFieldsSchema = z.object(childFields);
export type ChildFields = z.infer<typeof childFieldsSchema>;
export const createChildSchema = z.object({
  ...childFields,
  family: z.array(memberInputSchema).max(20).optional(),
  confirmedNotDuplicate: z.boolean().optional(),
});
export type CreateChildInput = z.infer<typeof createChildSchema>;
export const updateChildSchema = childFieldsSchema
  .partial()
  .extend({ version: z.number().int().min(1), reason: reasonSchema });
export type UpdateChildInput = z.infer<typeof updateChildSchema>;

export const confirmCategorySchema = z.object({
  version: z.number().int().min(1),
  evidence: text(1000),
  startDate: isoDateSchema,
});
export const rejectCategorySchema = z.object({ version: z.number().int().min(1), reason: reasonSchema });
export const addCategorySchema = z.object({
  category: z.enum(manualCategoryCodes),
  evidence: text(1000),
  startDate: isoDateSchema,
});
export const endCategorySchema = z.object({
  version: z.number().int().min(1),
  reason: reasonSchema,
  endDate: isoDateSchema,
});
export const restoreSchema = z.object({ reason: reasonSchema });

const messageSchema = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

export const situationViewSchema = z.object({
  id: z.string(),
  kind: z.enum(situationKinds),
  place: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
  disabilityGrade: z.number().nullable(),
  disabilityType: z.string().nullable(),
  note: z.string().nullable(),
});
export const memberViewSchema = z.object({
  id: z.string(),
  childId: z.string(),
  relation: z.string(),
  isGuardian: z.boolean(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  guardianshipCapacity: z.enum(guardianshipCapacities).nullable(),
  note: z.string().nullable(),
  version: z.number(),
  situations: z.array(situationViewSchema),
});
export type MemberView = z.infer<typeof memberViewSchema>;

/** Where else a family member's situations are kept: the siblings' files I may see, the others counted. */
export const familyCopiesSchema = z.object({
  siblings: z.array(z.object({ childId: z.string(), name: z.string() })),
  outsideScope: z.number().int(),
  /** Opaque: sent back with the change, so a change made meanwhile to a copy is a 409. */
  copies: z.string(),
});
export type FamilyCopies = z.infer<typeof familyCopiesSchema>;

export const membershipViewSchema = z.object({
  id: z.string(),
  childId: z.string(),
  category: z.enum(categoryCodes),
  state: z.enum(categoryStates),
  evidence: z.string().nullable(),
  proposal: z
    .object({ ruleId: z.string(), ruleSetVersion: z.string().nullable(), evidence: messageSchema.nullable() })
    .nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  /** A confirmed membership a rule proposed whose facts no longer support it: staff should review it. */
  stillSupported: z.boolean(),
  version: z.number(),
});
export type MembershipView = z.infer<typeof membershipViewSchema>;

const placeSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type PlaceView = z.infer<typeof placeSchema>;

export const childActions = [
  'edit',
  'unmask',
  'addFamily',
  'editFamily',
  'decideCategory',
  'addCategory',
  'restore',
] as const;

export const childFileSchema = z.object({
  id: z.string(),
  havenCode: z.string(),
  /** No ID number: the Haven code is the child's only identifier, provisionally. */
  provisionalIdentity: z.boolean(),
  name: z.string(),
  formerNames: z.array(z.string()),
  sex: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  ethnicity: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  masked: z.boolean(),
  residenceCode: z.string(),
  hukouCode: z.string().nullable(),
  residence: placeSchema,
  hukou: placeSchema.nullable(),
  school: z.string().nullable(),
  grade: z.string().nullable(),
  health: z.object({
    disabilityType: z.string().nullable(),
    disabilityGrade: z.number().nullable(),
    disabilityCertificate: z.string().nullable(),
    seriousIllness: z.string().nullable(),
  }),
  householdBenefits: z.array(z.string()),
  status: z.enum(childStatuses),
  statusReason: z.string().nullable(),
  handoffNote: z.string().nullable(),
  mergedInto: z.string().nullable(),
  riskGrade: z.enum(riskGrades).nullable(),
  family: z.array(memberViewSchema),
  categories: z.array(membershipViewSchema),
  entitlements: z.array(z.object({ measure: z.enum(protectionMeasures), categories: z.array(z.enum(categoryCodes)) })),
  mergedFiles: z.array(z.object({ id: z.string(), havenCode: z.string(), name: z.string() })),
  allowedActions: z.array(z.enum(childActions)),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChildFile = z.infer<typeof childFileSchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  childId: z.string(),
  occurredAt: z.string(),
  kind: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  details: z.record(z.string(), z.unknown()),
  restorable: z.boolean(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export const timelinePageSchema = z.object({
  items: z.array(timelineEntrySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
