import { z } from 'zod';
import { caseStatuses, clockStates } from '../cases/vocabulary.js';
import { serviceCodes } from '../service-matrix/vocabulary.js';
import {
  hotlineLines,
  recipientRoles,
  reportChannels,
  reportListViews,
  reportStages,
  statutoryRecipientRoles,
} from './vocabulary.js';
import { reportMaskSchema, reportProgressSchema } from './reading.js';

/* What the report API answers, and the queries of its lists. Pure. */

const recipientRoleSchema = z.enum(recipientRoles);
const statutoryRoleSchema = z.enum(statutoryRecipientRoles);
const serviceSchema = z.enum(serviceCodes);

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
  role: recipientRoleSchema,
  /** For a `provider`: the catalogue service it leads in the county, for which the matrix routed the report. */
  service: serviceSchema.nullable(),
  acknowledgedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  clockState: z.enum(clockStates).nullable(),
  overdue: z.boolean(),
});
export type RecipientView = z.infer<typeof recipientViewSchema>;

export const reportViewSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  channel: z.enum(reportChannels),
  hotlineLine: z.enum(hotlineLines).nullable(),
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
  /** Services the report implies that no organisation led in the county when it was made (gaps in the matrix). */
  matrixGaps: z.array(serviceSchema),
  caseId: z.string().nullable(),
  attachments: z.array(
    z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() }),
  ),
  canAcknowledge: z.boolean(),
  /** What the server masked for this reader (the web says so next to the field). */
  masked: reportMaskSchema,
  /** Where the report stands: what the reporter must be told, and what every reader may know. */
  progress: reportProgressSchema,
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const reportListItemSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  channel: z.enum(reportChannels),
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

/** Where a received report stands for my organisation: the received-reports list filters by it. */
export const reportAckStates = ['unacknowledged', 'overdue', 'acknowledged'] as const;
export type ReportAckState = (typeof reportAckStates)[number];
/** `priority`: unacknowledged and overdue first, then the nearest deadline (the default); or by the time reported. */
export const reportListSorts = ['priority', 'newest', 'oldest'] as const;
export type ReportListSort = (typeof reportListSorts)[number];

export const reportListQuerySchema = z.object({
  view: z.enum(reportListViews).default('inbox'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** The report's number or its beginning (R-2026-0001…). */
  q: z
    .string()
    .trim()
    .max(30)
    .regex(/^[A-Za-z0-9-]*$/)
    .optional(),
  ack: z.enum(reportAckStates).optional(),
  channel: z.enum(reportChannels).optional(),
  danger: z.enum(['true']).optional(),
  /** Reported on or after / on or before these days (the reader's calendar day, China time). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  sort: z.enum(reportListSorts).default('priority'),
});
export type ReportListQuery = z.infer<typeof reportListQuerySchema>;
export const reportListSchema = z.object({ items: z.array(reportListItemSchema), total: z.number() });
export type ReportList = z.infer<typeof reportListSchema>;

/** Where the report went when the place lacks a receiver: the taker is warned on screen. */
export const routingNoticeSchema = z.object({
  fallbacks: z
    .array(
      z.object({
        role: statutoryRoleSchema,
        organisationId: z.string(),
        organisationName: z.string(),
        divisionCode: z.string(),
      }),
    )
    .meta({ description: 'receivers found above their usual level, up the division tree' }),
  missing: z
    .array(statutoryRoleSchema)
    .meta({ description: 'receiving roles with no organisation anywhere up the tree' }),
  alerted: z
    .object({ organisationId: z.string(), organisationName: z.string() })
    .nullable()
    .meta({ description: 'with no police anywhere: the lead agency / civil affairs bureau alerted instead' }),
  providers: z
    .array(z.object({ service: serviceSchema, organisationId: z.string(), organisationName: z.string() }))
    .meta({ description: 'the organisations leading a service the report implies in the county (the matrix)' }),
  gaps: z
    .array(
      z.object({
        service: serviceSchema,
        organisationId: z.string().nullable(),
        organisationName: z.string().nullable(),
      }),
    )
    .meta({ description: 'services nobody leads in the county: the county civil affairs received the report instead' }),
  warnings: z.array(z.string()).meta({ description: "the same, worded in the caller's language" }),
});
export type RoutingNotice = z.infer<typeof routingNoticeSchema>;

/** POST /api/reports: the report's number, its case if it joined one, and where it was routed. */
export const submittedReportSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  caseId: z.string().nullable(),
  routing: routingNoticeSchema,
});
export type SubmittedReport = z.infer<typeof submittedReportSchema>;

export const acknowledgementSchema = z.object({ acknowledgedAt: z.string(), late: z.boolean() });
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

export const publicReceiptSchema = z.object({ refNo: z.string(), followUpCode: z.string() });
export type PublicReceipt = z.infer<typeof publicReceiptSchema>;

export const publicStatusParamsSchema = z.object({ refNo: z.string().regex(/^R-\d{4}-\d{6,}$/) });
export const publicStatusQuerySchema = z.object({ code: z.string().min(6).max(32) });
export const publicStatusSchema = z.object({
  refNo: z.string(),
  receivedAt: z.string(),
  acknowledged: z.boolean(),
  stage: z.enum(reportStages),
});
export type PublicStatus = z.infer<typeof publicStatusSchema>;

export const publicDivisionQuerySchema = z.object({
  q: z.string().trim().min(1).max(40),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export const publicDivisionListSchema = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), path: z.string() })),
});
export type PublicDivisionList = z.infer<typeof publicDivisionListSchema>;

export const myReportSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  reportedAt: z.string(),
  acknowledgedBy: z.array(z.string()),
  stage: z.enum(reportStages),
  caseStatus: z.enum(caseStatuses).nullable(),
  outcome: z.string().nullable(),
});
export type MyReport = z.infer<typeof myReportSchema>;
export const myReportListSchema = z.object({ items: z.array(myReportSchema) });

export const complianceQuerySchema = z.object({
  within: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
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
export type ComplianceRow = z.infer<typeof complianceRowSchema>;
export const complianceListSchema = z.object({ items: z.array(complianceRowSchema) });
