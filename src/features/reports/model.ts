import { z } from 'zod';
import { isDivisionCode } from '../divisions/rules.js';
import { hotlineLines, recipientRoles } from './tables.js';

/* Reports as the API speaks them. Pure. */

const divisionCodeSchema = z
  .string()
  .refine(isDivisionCode, { error: 'reports.division_format' })
  .meta({ example: '421002101201' });
const phoneSchema = z
  .string()
  .trim()
  .regex(/^[\d +()-]{3,30}$/, { error: 'reports.phone_format' });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const attachmentInputSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file's bytes, base64-encoded; the type is read from the content. */
  contentBase64: z.string().min(1),
});
export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

const common = {
  situations: z.array(z.number().int().min(1).max(9)).min(1, { error: 'reports.situation_required' }).max(9),
  description: z.string().trim().min(1, { error: 'reports.description_required' }).max(5000),
  childId: z.uuid().nullable().optional(),
  unknownChild: optionalText(1000).meta({ description: 'who the child is, when not (yet) in the registry' }),
  divisionCode: divisionCodeSchema,
  address: optionalText(300),
  immediateDanger: z.boolean(),
  attachments: z.array(attachmentInputSchema).max(10).default([]),
};

export const callerSchema = z.object({
  anonymous: z.boolean(),
  name: optionalText(100),
  relationship: optionalText(100).meta({ description: 'neighbour, teacher, relative…' }),
  callbackPhone: phoneSchema.nullable().optional(),
});

export const submitReportSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('hotline'), line: z.enum(hotlineLines), caller: callerSchema, ...common }),
  z.object({ channel: z.literal('mandated'), knewAt: z.iso.datetime({ offset: true }), ...common }),
  z.object({ channel: z.literal('staff'), knewAt: z.iso.datetime({ offset: true }).nullable().optional(), ...common }),
]);
export type SubmitReportInput = z.infer<typeof submitReportSchema>;

/** The public page: no sign-in, no child ids; location and description are checked with a clear message. */
export const publicReportSchema = z.object({
  situations: common.situations,
  description: z.string().trim().max(5000).optional(),
  childDescription: optionalText(1000),
  divisionCode: divisionCodeSchema.optional(),
  address: optionalText(300),
  immediateDanger: z.boolean().default(false),
  reporter: callerSchema.default({ anonymous: true }),
  attachments: common.attachments,
});
export type PublicReportInput = z.infer<typeof publicReportSchema>;

export const reporterSchema = z.object({
  anonymous: z.boolean(),
  name: z.string().nullable().optional(),
  relationship: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  organisationName: z.string().nullable().optional(),
});

export const recipientViewSchema = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  role: z.enum(recipientRoles),
  acknowledgedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  clockState: z.string().nullable(),
  overdue: z.boolean(),
});

export const reportViewSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  channel: z.enum(['hotline', 'mandated', 'public', 'staff']),
  hotlineLine: z.string().nullable(),
  situations: z.array(z.number()),
  description: z.string(),
  child: z.object({ id: z.string(), name: z.string() }).nullable(),
  unknownChild: z.string().nullable(),
  divisionCode: z.string(),
  address: z.string().nullable(),
  immediateDanger: z.boolean(),
  reportedAt: z.string(),
  knewAt: z.string().nullable(),
  /** Null when the caller's organisation may not know who reported. */
  reporter: reporterSchema.nullable(),
  recipients: z.array(recipientViewSchema),
  caseId: z.string().nullable(),
  attachments: z.array(
    z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() }),
  ),
  canAcknowledge: z.boolean(),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const reportListItemSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  channel: z.string(),
  situations: z.array(z.number()),
  divisionCode: z.string(),
  immediateDanger: z.boolean(),
  reportedAt: z.string(),
  myAcknowledgedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  caseId: z.string().nullable(),
});
export type ReportListItem = z.infer<typeof reportListItemSchema>;

export const publicReceiptSchema = z.object({ refNo: z.string(), followUpCode: z.string() });
export const publicStatusSchema = z.object({
  refNo: z.string(),
  receivedAt: z.string(),
  acknowledged: z.boolean(),
  stage: z.enum(['received', 'in_progress', 'closed']),
});

export const myReportSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  reportedAt: z.string(),
  acknowledgedBy: z.array(z.string()),
  stage: z.enum(['received', 'in_progress', 'closed']),
  caseStatus: z.string().nullable(),
  outcome: z.string().nullable(),
});

export const complianceRowSchema = z.object({
  organisationId: z.string().nullable(),
  organisationName: z.string(),
  reports: z.number(),
  withKnewAt: z.number(),
  medianDelayMinutes: z.number().nullable(),
  maxDelayMinutes: z.number().nullable(),
  over24h: z.number(),
});

const recipientRoleSchema = z.enum(recipientRoles);
/** Where the report went when the place lacks a receiver: the taker is warned on screen. */
export const routingNoticeSchema = z.object({
  fallbacks: z
    .array(
      z.object({
        role: recipientRoleSchema,
        organisationId: z.string(),
        organisationName: z.string(),
        divisionCode: z.string(),
      }),
    )
    .meta({ description: 'receivers found above their usual level, up the division tree' }),
  missing: z
    .array(recipientRoleSchema)
    .meta({ description: 'receiving roles with no organisation anywhere up the tree' }),
  alerted: z
    .object({ organisationId: z.string(), organisationName: z.string() })
    .nullable()
    .meta({ description: 'with no police anywhere: the lead agency / civil affairs bureau alerted instead' }),
  warnings: z.array(z.string()).meta({ description: "the same, worded in the caller's language" }),
});
