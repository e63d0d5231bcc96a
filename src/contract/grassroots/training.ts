import { z } from 'zod';
import { divisionCodeSchema, isoDateSchema } from '../registry/child.js';
import { staffPosts } from './roster.js';

/* Training, incentives and accountability of the grassroots team; the yearly assessment (issue 17). Pure. */

const text = (max: number) => z.string().trim().min(1).max(max);

export const attendeeSchema = z.object({
  staffId: z.uuid(),
  certificateNo: z.string().trim().max(60).nullable().optional(),
});

export const createTrainingSchema = z.object({
  topic: text(200),
  heldOn: isoDateSchema,
  hours: z.number().positive().max(200),
  trainer: text(100),
  organisationId: z.uuid(),
  /** The place the session served (the organiser's area). */
  divisionCode: divisionCodeSchema,
  /** The certificate the session gives (e.g. 儿童主任岗位培训合格证), if any. */
  certificate: z.string().trim().max(100).nullable().optional(),
  attendees: z.array(attendeeSchema).max(500).default([]),
});
export type CreateTrainingInput = z.infer<typeof createTrainingSchema>;

/** Replaces the attendance of a session (send the version you saw). */
export const setAttendanceSchema = z.object({
  version: z.number().int().min(1),
  attendees: z.array(attendeeSchema).max(500),
});
export type SetAttendanceInput = z.infer<typeof setAttendanceSchema>;

export const trainingViewSchema = z.object({
  id: z.string(),
  topic: z.string(),
  heldOn: z.string(),
  hours: z.number(),
  trainer: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  divisionCode: z.string(),
  certificate: z.string().nullable(),
  version: z.number(),
  attendees: z.array(
    z.object({
      staffId: z.string(),
      name: z.string(),
      post: z.enum(staffPosts),
      certificateNo: z.string().nullable(),
    }),
  ),
});
export type TrainingView = z.infer<typeof trainingViewSchema>;
export const trainingListSchema = z.object({ items: z.array(trainingViewSchema) });
export type TrainingList = z.infer<typeof trainingListSchema>;

/** Per person: hours before Haven (the roster's figure) plus sessions attended; never trained; overloaded. */
export const trainingStatusSchema = z.object({
  overloadThreshold: z.number(),
  items: z.array(
    z.object({
      staffId: z.string(),
      name: z.string(),
      post: z.enum(staffPosts),
      divisionCode: z.string(),
      organisationName: z.string(),
      hoursBefore: z.number(),
      sessions: z.number(),
      sessionHours: z.number(),
      lastTrainedOn: z.string().nullable(),
      neverTrained: z.boolean(),
      childrenAssigned: z.number(),
      overloaded: z.boolean(),
    }),
  ),
});
export type TrainingStatus = z.infer<typeof trainingStatusSchema>;

export const staffRecordKinds = ['subsidy', 'incentive', 'accountability'] as const;
export type StaffRecordKind = (typeof staffRecordKinds)[number];

export const createStaffRecordSchema = z.object({
  kind: z.enum(staffRecordKinds),
  decidedOn: isoDateSchema,
  /** Yuan (subsidies and money incentives); none for an accountability record or a commendation. */
  amount: z.number().min(0).max(1_000_000).nullable().optional(),
  reason: text(1000),
});
export type CreateStaffRecordInput = z.infer<typeof createStaffRecordSchema>;

export const staffRecordViewSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  kind: z.enum(staffRecordKinds),
  decidedOn: z.string(),
  amount: z.number().nullable(),
  reason: z.string(),
  recordedAt: z.string(),
});
export type StaffRecordView = z.infer<typeof staffRecordViewSchema>;
export const staffRecordListSchema = z.object({ items: z.array(staffRecordViewSchema) });

export const appraisalRatings = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export type AppraisalRating = (typeof appraisalRatings)[number];

/** The yearly assessment's indicators, computed from the person's recorded work in the year. */
export const appraisalIndicatorsSchema = z.object({
  year: z.number(),
  /** Visit clocks of children the person answered for, due in the year: met on time, missed. */
  visitsOnTime: z.number(),
  visitsLate: z.number(),
  /** Still running and past due at the end of the year (or now). */
  visitsOverdue: z.number(),
  visitsOnTimeRate: z.number().nullable(),
  visitsRecorded: z.number(),
  /** Report acknowledgement clocks of the person's organisation due in the year. */
  reportsAcknowledgedInTime: z.number(),
  reportsAcknowledgedLate: z.number(),
  reportsInTimeRate: z.number().nullable(),
  childrenAssigned: z.number(),
  /** Children assigned now without any visit in the year. */
  childrenWithoutVisit: z.number(),
  /** Children assigned whose ledger row is complete (ID number, address, a guardian with a phone); absent before session 12. */
  ledgerComplete: z.number().optional(),
  ledgerCompleteRate: z.number().nullable().optional(),
  trainingHours: z.number(),
  subsidies: z.number(),
  incentives: z.number(),
  accountability: z.number(),
});
export type AppraisalIndicators = z.infer<typeof appraisalIndicatorsSchema>;

export const appraisalViewSchema = z.object({
  staffId: z.string(),
  name: z.string(),
  post: z.enum(staffPosts),
  indicators: appraisalIndicatorsSchema,
  /** What the indicators suggest (the officer decides). */
  suggestedRating: z.enum(appraisalRatings),
  recorded: z
    .object({
      rating: z.enum(appraisalRatings),
      comment: z.string().nullable(),
      version: z.number(),
      indicators: appraisalIndicatorsSchema,
      recordedAt: z.string(),
    })
    .nullable(),
});
export type AppraisalView = z.infer<typeof appraisalViewSchema>;

export const appraisalQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const recordAppraisalSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  rating: z.enum(appraisalRatings),
  comment: z.string().trim().max(2000).nullable().optional(),
  /** The version of the recorded assessment being replaced; absent for the first. */
  version: z.number().int().min(1).optional(),
});
export type RecordAppraisalInput = z.infer<typeof recordAppraisalSchema>;
