import { z } from 'zod';
import { divisionCodeSchema, isoDateSchema } from '../registry/child.js';
import type { riskGrades } from '../registry/vocabulary.js';

/* The grassroots roster (issue 17): directors and supervisors, the places they cover, the children they answer for. Pure. */

export const staffPosts = ['village_director', 'township_supervisor'] as const;
export type StaffPost = (typeof staffPosts)[number];
export const employments = ['full_time', 'part_time'] as const;
export type Employment = (typeof employments)[number];
export const staffStatuses = ['active', 'removed'] as const;
export type StaffStatus = (typeof staffStatuses)[number];
export const assignmentReasons = ['residence_village', 'reassigned', 'director_removed'] as const;
export type AssignmentReason = (typeof assignmentReasons)[number];
export const assignmentEndReasons = ['reassigned', 'director_removed', 'moved'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const reasonSchema = z.string().trim().min(1, { error: 'grassroots.reason_required' }).max(500);

export const appointStaffSchema = z.object({
  post: z.enum(staffPosts),
  name: text(50),
  userId: z.uuid().nullable().optional(),
  organisationId: z.uuid(),
  /** The villages (director) or the township (supervisor) the person covers. */
  divisionCodes: z.array(divisionCodeSchema).min(1).max(20),
  employment: z.enum(employments),
  otherDuties: optionalText(200),
  phone: z
    .string()
    .trim()
    .regex(/^[\d +()-]{3,30}$/, { error: 'registry.phone_format' })
    .nullable()
    .optional(),
  trainingHours: z.number().min(0).max(10_000).optional(),
  appointedOn: isoDateSchema,
});
export type AppointStaffInput = z.infer<typeof appointStaffSchema>;

export const updateStaffSchema = z.object({
  version: z.number().int().min(1),
  employment: z.enum(employments).optional(),
  otherDuties: optionalText(200),
  phone: appointStaffSchema.shape.phone,
  trainingHours: z.number().min(0).max(10_000).optional(),
  /** A new set of places covered from `changedOn`: postings no longer named end, new ones start. */
  divisionCodes: z.array(divisionCodeSchema).min(1).max(20).optional(),
  changedOn: isoDateSchema.optional(),
  reason: reasonSchema.optional(),
});
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

export const removeStaffSchema = z.object({
  version: z.number().int().min(1),
  removedOn: isoDateSchema,
  reason: reasonSchema,
});
export type RemoveStaffInput = z.infer<typeof removeStaffSchema>;

export const reassignChildSchema = z.object({
  staffId: z.uuid(),
  reason: reasonSchema,
  /** The assignment the caller saw (null: none); another one now is a 409. */
  expectedAssignmentId: z.uuid().nullable(),
});
export type ReassignChildInput = z.infer<typeof reassignChildSchema>;

export const postingViewSchema = z.object({
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  fromOn: z.string(),
  toOn: z.string().nullable(),
  reason: z.string().nullable(),
});

export const staffViewSchema = z.object({
  id: z.string(),
  post: z.enum(staffPosts),
  name: z.string(),
  userId: z.string().nullable(),
  organisationId: z.string(),
  organisationName: z.string(),
  divisionCode: z.string(),
  phone: z.string().nullable(),
  employment: z.enum(employments),
  otherDuties: z.string().nullable(),
  trainingHours: z.number(),
  status: z.enum(staffStatuses),
  appointedOn: z.string(),
  removedOn: z.string().nullable(),
  removalReason: z.string().nullable(),
  version: z.number(),
  postings: z.array(postingViewSchema),
  childrenAssigned: z.number(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

export const rosterQuerySchema = z.object({
  post: z.enum(staffPosts).optional(),
  status: z.enum(staffStatuses).optional(),
  divisionCode: divisionCodeSchema.optional(),
});
export const rosterListSchema = z.object({ items: z.array(staffViewSchema), total: z.number() });
export type RosterList = z.infer<typeof rosterListSchema>;

const placeSchema = z.object({ code: z.string(), name: z.string(), activeChildren: z.number() });
export const coverageSchema = z.object({
  villagesWithoutDirector: z.array(placeSchema),
  villagesWithoutDirectorTotal: z.number(),
  townshipsWithoutSupervisor: z.array(placeSchema),
  townshipsWithoutSupervisorTotal: z.number(),
  directorsCoveringSeveral: z.array(
    z.object({
      staffId: z.string(),
      name: z.string(),
      villages: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
  childrenWithoutDirector: z.number(),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const directorLoadSchema = z.object({
  staffId: z.string(),
  name: z.string(),
  divisionCode: z.string(),
  employment: z.enum(employments),
  childrenAssigned: z.number(),
  highRisk: z.number(),
  visitsDueThisMonth: z.number(),
  visitsOverdue: z.number(),
});
export const countyLoadSchema = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  directors: z.number(),
  childrenAssigned: z.number(),
  highRisk: z.number(),
  visitsDueThisMonth: z.number(),
  visitsOverdue: z.number(),
  maxPerDirector: z.number(),
  meanPerDirector: z.number(),
});
export const caseloadSchema = z.object({
  month: z.string(),
  directors: z.array(directorLoadSchema),
  counties: z.array(countyLoadSchema),
});
export type Caseload = z.infer<typeof caseloadSchema>;

export const assignmentViewSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  fromAt: z.string(),
  toAt: z.string().nullable(),
  reason: z.enum(assignmentReasons),
  note: z.string().nullable(),
  endedReason: z.enum(assignmentEndReasons).nullable(),
});
export const assignmentHistorySchema = z.object({
  current: assignmentViewSchema.nullable(),
  history: z.array(assignmentViewSchema),
});
export type AssignmentHistory = z.infer<typeof assignmentHistorySchema>;

export const highRiskGrades: readonly (typeof riskGrades)[number][] = ['high'];
