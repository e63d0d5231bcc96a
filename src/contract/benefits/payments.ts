import { z } from 'zod';
import { benefitTypeSchema } from './applications.js';
import {
  nationalCategoryCodes,
  paymentChangeKinds,
  paymentChangeReasons,
  renewalEndReasons,
  renewalStatuses,
} from './vocabulary.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const countyCode = z.string().regex(/^\d{6}0{6}$/, 'a 12-digit county code');
/** Money is fen (1/100 yuan) as an integer, never a float. */
const fen = z.number().int().min(0);

/** Run the month's payments for a county (a second run of the same month returns the first). */
export const paymentRunInputSchema = z.object({ county: countyCode, month });
export type PaymentRunInput = z.infer<typeof paymentRunInputSchema>;

export const paymentRunListQuerySchema = z.object({
  county: countyCode.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});

export const paymentRunSummarySchema = z.object({
  id: z.uuid(),
  runNo: z.string(),
  county: z.string(),
  countyName: z.string(),
  month,
  childCount: z.number().int(),
  lineCount: z.number().int(),
  totalFen: fen,
  arrearsFen: fen,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PaymentRunSummary = z.infer<typeof paymentRunSummarySchema>;
export const paymentRunListSchema = z.object({ items: z.array(paymentRunSummarySchema), total: z.number().int() });

export const paymentLineSchema = z.object({
  childId: z.uuid(),
  childName: z.string(),
  havenCode: z.string(),
  idNumber: z.string().nullable(),
  township: z.string(),
  applicationId: z.uuid(),
  benefitType: benefitTypeSchema,
  nationalCategory: z.enum(nationalCategoryCodes),
  forMonth: month,
  standardFen: fen,
  offsetFen: fen,
  amountFen: fen,
  arrears: z.boolean(),
});
export type PaymentLine = z.infer<typeof paymentLineSchema>;

export const paymentChangeSchema = z.object({
  childId: z.uuid(),
  childName: z.string(),
  applicationId: z.uuid(),
  benefitType: benefitTypeSchema,
  change: z.enum(paymentChangeKinds),
  reason: z.enum(paymentChangeReasons),
  previousFen: fen.nullable(),
  amountFen: fen.nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
});
export type PaymentChange = z.infer<typeof paymentChangeSchema>;

export const paymentRunQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const paymentRunViewSchema = paymentRunSummarySchema.extend({
  created: z.boolean().optional(),
  lines: z.array(paymentLineSchema),
  changes: z.array(paymentChangeSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PaymentRunView = z.infer<typeof paymentRunViewSchema>;

/** Withhold a benefit's payments from a month (the reason is kept). */
export const suspendInputSchema = z.object({
  fromMonth: month,
  reason: z.string().trim().min(1).max(500),
});
export type SuspendInput = z.infer<typeof suspendInputSchema>;
/** Pay again from a month; withheld months are paid in arrears or forfeited, as decided. */
export const liftSuspensionInputSchema = z.object({
  resumeMonth: month,
  payArrears: z.boolean(),
  note: z.string().trim().max(500).optional(),
});
export type LiftSuspensionInput = z.infer<typeof liftSuspensionInputSchema>;
export { type SuspensionView, suspensionViewSchema } from './applications.js';

export const renewalViewSchema = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  applicationNo: z.string(),
  benefitType: benefitTypeSchema,
  childId: z.uuid(),
  childName: z.string(),
  agesOutOn: z.iso.date(),
  status: z.enum(renewalStatuses),
  renewedUntil: z.iso.date().nullable(),
  school: z.string().nullable(),
  seq: z.number().int(),
  dueOn: z.iso.date().nullable(),
  clockRule: z.string().nullable(),
  steps: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      statusAfter: z.enum(renewalStatuses),
      occurredAt: z.string(),
      actor: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type RenewalView = z.infer<typeof renewalViewSchema>;
export const renewalListSchema = z.object({ items: z.array(renewalViewSchema.omit({ steps: true })) });
export const renewalListQuerySchema = z.object({ status: z.enum(renewalStatuses).optional() });

export const renewalActionInputSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('renew'),
    expectedSeq: z.number().int().min(0),
    renewedUntil: z.iso.date(),
    school: z.string().trim().min(1).max(100),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({
    type: z.literal('end'),
    expectedSeq: z.number().int().min(0),
    reason: z.enum(renewalEndReasons),
    note: z.string().trim().max(500).optional(),
  }),
]);
export type RenewalActionInput = z.infer<typeof renewalActionInputSchema>;
