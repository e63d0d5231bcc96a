import { z } from 'zod';
import { isoDateSchema } from '../registry/child.js';

/*
 * Entrusted care (委托照护, DOMAIN.md §2, §4): parents working away entrust a left-behind child to a
 * capable adult, notify the school and the village committee in writing, and contact the child at
 * least weekly. Haven keeps the care, both notices, the carer's capacity and the contacts; a clock
 * per care for the next contact and one for the notices while either is missing. Pure.
 */

export const carerCapacities = ['capable', 'limited', 'incapable'] as const;
export type CarerCapacity = (typeof carerCapacities)[number];
export const contactParents = ['father', 'mother', 'both'] as const;
export const contactChannels = ['phone', 'video', 'in_person', 'other'] as const;
/** The clocks an entrusted care keeps (rule names of `clocks`). */
export const entrustedClockRules = ['entrusted.contact', 'entrusted.notice'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const recordEntrustedCareSchema = z.object({
  carerName: text(50),
  carerRelation: text(30),
  carerPhone: optionalText(30),
  capacity: z.enum(carerCapacities),
  capacityNote: optionalText(1000),
  startedOn: isoDateSchema,
  noticeSchoolOn: isoDateSchema.nullable().optional(),
  noticeVillageOn: isoDateSchema.nullable().optional(),
});
export type RecordEntrustedCareInput = z.infer<typeof recordEntrustedCareSchema>;

/** A correction of the care (the notices as they arrive, the capacity as judged), or its end; with the version seen. */
export const updateEntrustedCareSchema = z.object({
  version: z.number().int().min(1),
  carerPhone: optionalText(30),
  capacity: z.enum(carerCapacities).optional(),
  capacityNote: optionalText(1000),
  noticeSchoolOn: isoDateSchema.nullable().optional(),
  noticeVillageOn: isoDateSchema.nullable().optional(),
  end: z.object({ on: isoDateSchema, reason: text(200) }).optional(),
});
export type UpdateEntrustedCareInput = z.infer<typeof updateEntrustedCareSchema>;

export const recordParentContactSchema = z.object({
  contactedOn: isoDateSchema,
  parent: z.enum(contactParents),
  channel: z.enum(contactChannels),
  note: optionalText(1000),
});
export type RecordParentContactInput = z.infer<typeof recordParentContactSchema>;

export const parentContactViewSchema = z.object({
  id: z.uuid(),
  contactedOn: z.string(),
  parent: z.enum(contactParents),
  channel: z.enum(contactChannels),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const entrustedCareViewSchema = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  carerName: z.string(),
  carerRelation: z.string(),
  carerPhone: z.string().nullable(),
  capacity: z.enum(carerCapacities),
  capacityNote: z.string().nullable(),
  startedOn: z.string(),
  noticeSchoolOn: z.string().nullable(),
  noticeVillageOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endedReason: z.string().nullable(),
  version: z.number().int(),
  /** The running contact clock: when the next contact is due, and how far its escalation went. */
  nextContactDueAt: z.string().nullable(),
  contactOverdue: z.boolean(),
  escalationLevel: z.number().int(),
  contacts: z.array(parentContactViewSchema),
});
export type EntrustedCareView = z.infer<typeof entrustedCareViewSchema>;

export const childEntrustedCareSchema = z.object({
  childId: z.uuid(),
  childName: z.string(),
  /** Whether the child has a confirmed left-behind category now (a care is recorded only then). */
  leftBehind: z.boolean(),
  current: entrustedCareViewSchema.nullable(),
  /** Earlier cares of the child, newest first (without their contacts). */
  earlier: z.array(entrustedCareViewSchema.omit({ contacts: true })),
});
export type ChildEntrustedCare = z.infer<typeof childEntrustedCareSchema>;

/** "Parents out of contact" in my work: a care whose weekly contact is due or overdue, mine or escalated to me. */
export const entrustedContactDueSchema = z.object({
  clockId: z.uuid(),
  rule: z.enum(entrustedClockRules),
  careId: z.uuid(),
  childId: z.uuid(),
  childName: z.string(),
  divisionCode: z.string(),
  carerName: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  basis: z.enum(['assigned', 'escalated']),
  lastContactOn: z.string().nullable(),
});
export type EntrustedContactDue = z.infer<typeof entrustedContactDueSchema>;

export const entrustedDueListSchema = z.object({ items: z.array(entrustedContactDueSchema) });
