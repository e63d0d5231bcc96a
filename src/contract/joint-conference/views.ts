import { z } from 'zod';
import { organisationKindCodes, type OrganisationKind } from '../organisations/kinds.js';
import {
  actionItemStatuses,
  actionItemSteps,
  agendaSources,
  attendanceValues,
  conferenceLevels,
  meetingStatuses,
  meetingSteps,
  type MeetingStep,
} from './vocabulary.js';

/* What the joint-conference API speaks: members, meetings, the agenda, attendance, action items. Pure. */

const kindCodes = organisationKindCodes as [OrganisationKind, ...OrganisationKind[]];
const text = (max: number) => z.string().trim().min(1, { error: 'conference.text_required' }).max(max);
const isoDateSchema = z.iso.date({ error: 'conference.date_format' });
const divisionCodeSchema = z.string().regex(/^\d{12}$/, { error: 'conference.division_format' });
const expectedVersion = { expectedVersion: z.number().int().min(1) };

export const membersParamsSchema = z.object({ division: divisionCodeSchema });
export const addMemberSchema = z.object({ organisationId: z.uuid() });

export const memberSourceValues = ['lead_agency', 'default', 'added'] as const;
export const memberSchema = z.object({
  organisationId: z.string(),
  name: z.string(),
  kind: z.enum(kindCodes),
  divisionCode: z.string(),
  /** The lead agency convenes; government departments of the place are members by default; others were added. */
  source: z.enum(memberSourceValues),
});
export type Member = z.infer<typeof memberSchema>;
export const membersSchema = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  level: z.enum(conferenceLevels),
  convener: z.object({ id: z.string(), name: z.string() }).nullable(),
  mayManage: z.boolean(),
  members: z.array(memberSchema),
});
export type Members = z.infer<typeof membersSchema>;

export const createMeetingSchema = z.object({
  divisionCode: divisionCodeSchema,
  title: text(200),
  meetsOn: isoDateSchema,
  place: text(200),
  chair: text(100),
});
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const updateMeetingSchema = z.object({
  ...expectedVersion,
  title: text(200).optional(),
  meetsOn: isoDateSchema.optional(),
  place: text(200).optional(),
  chair: text(100).optional(),
  /** The minutes' narrative (discussion and conclusions), beside the decisions. */
  summary: z.string().trim().max(10_000).optional(),
});
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

export const meetingStepSchema = z.object({
  ...expectedVersion,
  step: z.enum(Object.keys(meetingSteps) as [MeetingStep, ...MeetingStep[]]),
});
export type MeetingStepInput = z.infer<typeof meetingStepSchema>;

export const buildAgendaSchema = z.object({ ...expectedVersion });
export const addAgendaItemSchema = z.object({
  ...expectedVersion,
  title: text(300),
  detail: z.string().trim().max(2000).optional(),
});
export type AddAgendaItemInput = z.infer<typeof addAgendaItemSchema>;

export const attendanceInputSchema = z.object({
  ...expectedVersion,
  entries: z
    .array(
      z.object({
        organisationId: z.uuid(),
        attendance: z.enum(attendanceValues),
        delegateName: z.string().trim().max(100).optional(),
      }),
    )
    .max(100),
});
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

export const createActionItemSchema = z.object({
  title: text(300),
  detail: z.string().trim().max(2000).optional(),
  ownerOrganisationId: z.uuid(),
  dueOn: isoDateSchema,
  agendaItemId: z.uuid().optional(),
});
export type CreateActionItemInput = z.infer<typeof createActionItemSchema>;

export const actionItemStepSchema = z.object({
  ...expectedVersion,
  step: z.enum(actionItemSteps),
  note: z.string().trim().max(2000).optional(),
});
export type ActionItemStepInput = z.infer<typeof actionItemStepSchema>;

/** Where a proposed agenda item comes from, so the page can link to it. */
export const agendaRefSchema = z.object({
  type: z.enum(['clock', 'referral', 'organisation', 'division']),
  id: z.string(),
  /** For a clock: what it measures (a case, a referral, a visit…) and its subject's id. */
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
});

export const agendaItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  source: z.enum(agendaSources),
  title: z.string(),
  detail: z.string().nullable(),
  ref: agendaRefSchema.nullable(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const proposalSchema = agendaItemSchema.omit({ id: true, position: true }).extend({ key: z.string() });
export type Proposal = z.infer<typeof proposalSchema>;
export const proposalsSchema = z.object({ asOf: z.string(), items: z.array(proposalSchema) });
export type Proposals = z.infer<typeof proposalsSchema>;

export const attendanceViewSchema = z.object({
  organisationId: z.string(),
  name: z.string(),
  attendance: z.enum(attendanceValues).nullable(),
  delegateName: z.string().nullable(),
});

export const actionItemViewSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  divisionCode: z.string(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  owner: z.object({ id: z.string(), name: z.string() }),
  dueOn: z.string(),
  status: z.enum(actionItemStatuses),
  version: z.number().int(),
  overdue: z.boolean(),
  note: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The item's clock: its state and the escalation level it has reached. */
  clock: z.object({ state: z.string(), dueAt: z.string(), escalationLevel: z.number().int() }).nullable(),
  allowedSteps: z.array(z.enum(actionItemSteps)),
});
export type ActionItemView = z.infer<typeof actionItemViewSchema>;
export const actionItemListSchema = z.object({ items: z.array(actionItemViewSchema) });

export const meetingSummarySchema = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  level: z.enum(conferenceLevels),
  title: z.string(),
  meetsOn: z.string(),
  place: z.string(),
  chair: z.string(),
  status: z.enum(meetingStatuses),
  version: z.number().int(),
  agendaCount: z.number().int(),
  openActionItems: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;
export const meetingListSchema = z.object({ items: z.array(meetingSummarySchema) });

export const meetingViewSchema = meetingSummarySchema.extend({
  convener: z.object({ id: z.string(), name: z.string() }).nullable(),
  summary: z.string().nullable(),
  heldAt: z.string().nullable(),
  minutesApprovedAt: z.string().nullable(),
  mayManage: z.boolean(),
  allowedSteps: z.array(z.enum(Object.keys(meetingSteps) as [MeetingStep, ...MeetingStep[]])),
  agenda: z.array(agendaItemSchema),
  attendance: z.array(attendanceViewSchema),
  actionItems: z.array(actionItemViewSchema),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;

export const meetingListQuerySchema = z.object({ division: divisionCodeSchema.optional() });

/** A department's open action item in "my work". */
export const actionItemWaitingSchema = z.object({
  actionItemId: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  title: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
});
export type ActionItemWaiting = z.infer<typeof actionItemWaitingSchema>;
