import { z } from 'zod';
import {
  applicantKinds,
  applicationActions,
  recordedApplicantKinds,
  applicationDocuments,
  applicationStatuses,
  localBenefitTypePattern,
  matchingFlags,
  nationalBenefitTypes,
  recommendations,
} from './vocabulary.js';

// A real calendar date (2026-02-30 is refused here, not by the database).
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const benefitTypeSchema = z.union([z.enum(nationalBenefitTypes), z.string().regex(localBenefitTypePattern)]);

/** A new application: for which child and benefit, received on which date, from whom, with what. */
export const applyInputSchema = z.object({
  childId: z.uuid(),
  benefitType: benefitTypeSchema,
  /** The day the township received it; deadlines count from it, not from when it was typed in. */
  receivedOn: isoDate,
  applicantKind: z.enum(applicantKinds),
  applicantName: text(60),
  applicantRelation: z.string().trim().max(30).optional(),
  documents: z.array(z.enum(applicationDocuments)).max(20).default([]),
  note: z.string().trim().max(1000).optional(),
});
export type ApplyInput = z.infer<typeof applyInputSchema>;
/** What the use case records: a person's application, or one Haven opens from a department's roll. */
export type RecordedApply = Omit<ApplyInput, 'applicantKind'> & {
  applicantKind: ApplyInput['applicantKind'] | 'department_data';
};

const base = { expectedSeq: z.number().int().min(0), occurredOn: isoDate.optional() };
export const applicationActionInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), ...base, note: z.string().trim().max(1000).optional() }),
  z.object({
    type: z.literal('verify'),
    ...base,
    findings: text(2000),
    recommendation: z.enum(recommendations),
  }),
  z.object({ type: z.literal('approve'), ...base, note: z.string().trim().max(1000).optional() }),
  z.object({ type: z.literal('refuse'), ...base, reasons: text(2000) }),
  z.object({ type: z.literal('withdraw'), ...base, reason: text(500) }),
]);
export type ApplicationActionInput = z.infer<typeof applicationActionInputSchema>;

export const applicationClockSchema = z.object({
  rule: z.string(),
  startedAt: z.string(),
  dueOn: z.string(),
  dueAt: z.string(),
  provisional: z.boolean(),
  state: z.enum(['running', 'met', 'missed', 'paused']),
  stoppedAt: z.string().nullable(),
});

export const applicationEntrySchema = z.object({
  seq: z.number().int(),
  type: z.enum(applicationActions),
  statusAfter: z.enum(applicationStatuses),
  occurredAt: z.string(),
  actor: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const matchingFactSchema = z.object({
  relation: z.string(),
  kind: z.string(),
  since: z.string().nullable(),
  until: z.string().nullable(),
});

/** A benefit's payments withheld from a month (and, once lifted, paid again from a month). */
export const suspensionViewSchema = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  reason: z.string(),
  suspendedBy: z.string(),
  resumeMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .nullable(),
  payArrears: z.boolean().nullable(),
  liftNote: z.string().nullable(),
});
export type SuspensionView = z.infer<typeof suspensionViewSchema>;

export const applicationViewSchema = z.object({
  id: z.string(),
  applicationNo: z.string(),
  childId: z.string(),
  childName: z.string(),
  benefitType: z.string(),
  divisionCode: z.string(),
  receivedOn: z.string(),
  applicantKind: z.enum(recordedApplicantKinds),
  applicantName: z.string(),
  applicantRelation: z.string().nullable(),
  documents: z.array(z.string()),
  status: z.enum(applicationStatuses),
  seq: z.number().int(),
  rulesVersion: z.string(),
  monthlyFen: z.number().int().nullable(),
  payFrom: z.string().nullable(),
  late: z.boolean(),
  flags: z.array(z.enum(matchingFlags)),
  facts: z.array(matchingFactSchema),
  clocks: z.array(applicationClockSchema),
  log: z.array(applicationEntrySchema),
  allowedActions: z.array(z.enum(applicationActions)),
  /** Suspensions of an approved benefit's payments, oldest first (an open one has no resumeMonth). */
  suspensions: z.array(suspensionViewSchema),
  createdAt: z.string(),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const applicationListQuerySchema = z.object({
  status: z.enum(applicationStatuses).optional(),
  childId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const applicationRowSchema = z.object({
  id: z.string(),
  applicationNo: z.string(),
  childId: z.string(),
  childName: z.string(),
  benefitType: z.string(),
  receivedOn: z.string(),
  status: z.enum(applicationStatuses),
  dueOn: z.string().nullable(),
  provisional: z.boolean(),
  overdue: z.boolean(),
});
export const applicationListSchema = z.object({ items: z.array(applicationRowSchema), total: z.number().int() });
export type ApplicationList = z.infer<typeof applicationListSchema>;

export const openApplicationDetailsSchema = z.object({
  openApplicationId: z.string(),
  applicationNo: z.string(),
  status: z.enum(applicationStatuses),
});

/** What the web needs to draw the form: the benefit types in force for a place. */
export const benefitTypesQuerySchema = z.object({ division: z.string().regex(/^\d{12}$/) });
export const benefitTypeViewSchema = z.object({
  code: z.string(),
  national: z.boolean(),
  zh: z.string(),
  en: z.string(),
  category: z.string().nullable(),
  monthlyFen: z.number().int().nullable(),
});
export const benefitTypesSchema = z.object({
  verificationWorkingDays: z.number().int(),
  decisionWorkingDays: z.number().int(),
  types: z.array(benefitTypeViewSchema),
});
