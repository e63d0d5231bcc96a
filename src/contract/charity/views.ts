import { z } from 'zod';
import {
  checkStates,
  donationFormCodes,
  donorKindCodes,
  guidanceSessionStates,
  needKindCodes,
  needSourceCodes,
  needStatuses,
} from './vocabulary.js';

/* What the charity, volunteer and family-support API speaks. Amounts in fen (分), never floats. Pure. */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const isoDate = z.iso.date({ error: 'charity.date_format' });
const fen = z.number().int({ error: 'charity.fen_integer' }).min(0).max(1e13);
const checkState = z.enum(Object.keys(checkStates) as [keyof typeof checkStates, ...(keyof typeof checkStates)[]]);

export const raiseNeedSchema = z.object({
  childId: z.uuid(),
  caseId: z.uuid().optional(),
  source: z.enum(needSourceCodes),
  kind: z.enum(needKindCodes),
  /** What the need requires, in words a charity may read: no name, no school, no address. */
  description: text(500),
  amountFen: fen.optional(),
});
export type RaiseNeedInput = z.infer<typeof raiseNeedSchema>;

export const needActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('match'),
    expectedSeq: z.number().int().min(0),
    donationId: z.uuid().optional(),
    volunteerId: z.uuid().optional(),
  }),
  z.object({
    type: z.literal('hand_over'),
    expectedSeq: z.number().int().min(0),
    handedOn: isoDate,
    /** Who received it for the child (e.g. the grandmother, the school). */
    receivedBy: text(100),
    note: optionalText(500),
  }),
  z.object({ type: z.literal('cancel'), expectedSeq: z.number().int().min(0), reason: text(500) }),
]);
export type NeedActionInput = z.infer<typeof needActionSchema>;

export const receiptSchema = z.object({
  number: z.string(),
  handedOn: z.string(),
  receivedBy: z.string(),
  charity: z.string(),
  items: z.string(),
  amountFen: z.number().int().nullable(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const needViewSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  status: z.enum(needStatuses),
  kind: z.enum(needKindCodes),
  source: z.enum(needSourceCodes),
  description: z.string(),
  amountFen: z.number().int().nullable(),
  county: z.string(),
  /** Null unless the reader sees the child (its area, or a referral that shares it). */
  childName: z.string().nullable(),
  childId: z.uuid().nullable(),
  raisedBy: z.string(),
  raisedAt: z.string(),
  donation: z
    .object({
      id: z.uuid(),
      form: z.enum(donationFormCodes),
      amountFen: z.number().int().nullable(),
      goods: z.string().nullable(),
    })
    .nullable(),
  volunteer: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  receipt: receiptSchema.nullable(),
  allowedActions: z.array(z.enum(['match', 'hand_over', 'cancel'])),
});
export type NeedView = z.infer<typeof needViewSchema>;
export const needListSchema = z.object({ items: z.array(needViewSchema) });
export const needListQuerySchema = z.object({ status: z.enum(needStatuses).optional() });

export const recordDonationSchema = z
  .object({
    donorKind: z.enum(donorKindCodes),
    /** Kept only for the charity's own books; never shown beyond it. */
    donorName: optionalText(100),
    form: z.enum(donationFormCodes),
    amountFen: fen.optional(),
    goods: optionalText(300),
    receivedOn: isoDate,
  })
  .refine((d) => d.form !== 'cash' || d.amountFen !== undefined, {
    error: 'charity.cash_needs_amount',
    path: ['amountFen'],
  })
  .refine((d) => d.form !== 'in_kind' || (d.goods ?? '') !== '', { error: 'charity.goods_needed', path: ['goods'] })
  .refine((d) => d.donorKind === 'anonymous' || (d.donorName ?? '') !== '', {
    error: 'charity.donor_name_needed',
    path: ['donorName'],
  });
export type RecordDonationInput = z.infer<typeof recordDonationSchema>;

export const donationViewSchema = z.object({
  id: z.uuid(),
  donorKind: z.enum(donorKindCodes),
  /** Only for the charity that recorded it. */
  donorName: z.string().nullable(),
  form: z.enum(donationFormCodes),
  amountFen: z.number().int().nullable(),
  goods: z.string().nullable(),
  receivedOn: z.string(),
  needId: z.uuid().nullable(),
  handedOver: z.boolean(),
});
export type DonationView = z.infer<typeof donationViewSchema>;
export const donationListSchema = z.object({
  items: z.array(donationViewSchema),
  /** The charity's totals by year (China days of receipt). */
  yearly: z.array(
    z.object({
      year: z.number().int(),
      cashFen: z.number().int(),
      inKind: z.number().int(),
      handedOver: z.number().int(),
    }),
  ),
});

export const addVolunteerSchema = z.object({
  name: text(100),
  skills: z.array(text(40)).max(10).default([]),
  availability: optionalText(200),
  /** The day the last criminal-record check passed; none yet → cannot be matched. */
  checkPassedOn: isoDate.optional(),
});
export type AddVolunteerInput = z.infer<typeof addVolunteerSchema>;
export const renewCheckSchema = z.object({ expectedVersion: z.number().int().min(1), passedOn: isoDate });
export type RenewCheckInput = z.infer<typeof renewCheckSchema>;
export const logHoursSchema = z.object({
  expectedVersion: z.number().int().min(1),
  hours: z.number().int().min(1).max(24),
});
export type LogHoursInput = z.infer<typeof logHoursSchema>;

export const volunteerViewSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  skills: z.array(z.string()),
  availability: z.string().nullable(),
  hours: z.number().int(),
  checkPassedOn: z.string().nullable(),
  checkExpiresOn: z.string().nullable(),
  check: checkState,
});
export type VolunteerView = z.infer<typeof volunteerViewSchema>;
export const volunteerListSchema = z.object({ items: z.array(volunteerViewSchema) });

export const issueGuidanceOrderSchema = z.object({
  childId: z.uuid(),
  caseId: z.uuid().optional(),
  /** The court (or the body) that issued the order. */
  issuedBy: text(200),
  issuedOn: isoDate,
  guardian: text(100),
  sessions: z.number().int().min(1).max(24),
  everyDays: z.number().int().min(1).max(90),
  /** The organisation delivering the guidance (a social work organisation), if any. */
  providerOrganisationId: z.uuid().optional(),
});
export type IssueGuidanceOrderInput = z.infer<typeof issueGuidanceOrderSchema>;
export const recordGuidanceSessionSchema = z.object({
  heldOn: isoDate,
  attended: z.boolean(),
  note: optionalText(500),
});
export type RecordGuidanceSessionInput = z.infer<typeof recordGuidanceSessionSchema>;

const guidanceStateEnum = z.enum(
  Object.keys(guidanceSessionStates) as [keyof typeof guidanceSessionStates, ...(keyof typeof guidanceSessionStates)[]],
);
export const guidanceOrderViewSchema = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  childName: z.string(),
  issuedBy: z.string(),
  issuedOn: z.string(),
  guardian: z.string(),
  provider: z.string().nullable(),
  sessions: z.array(
    z.object({
      number: z.number().int(),
      dueOn: z.string(),
      heldOn: z.string().nullable(),
      state: guidanceStateEnum,
      note: z.string().nullable(),
    }),
  ),
  /** Attended of held-or-due-so-far, as a share of the sessions ordered. */
  compliance: z.object({
    attended: z.number().int(),
    absent: z.number().int(),
    overdue: z.number().int(),
    total: z.number().int(),
  }),
  completed: z.boolean(),
});
export type GuidanceOrderView = z.infer<typeof guidanceOrderViewSchema>;
export const guidanceOrderListSchema = z.object({ items: z.array(guidanceOrderViewSchema) });

export const charityWorkSchema = z.object({
  kind: z.enum(['volunteer_check', 'guidance_session']),
  id: z.uuid(),
  label: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
});
export type CharityWork = z.infer<typeof charityWorkSchema>;
