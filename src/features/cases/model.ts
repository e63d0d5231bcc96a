import { z } from 'zod';
import { assessmentSections, emergencyOverrides } from './risk.js';
import { riskGrades } from '../registry/tables.js';
import { caseStatuses, userActionTypes } from './rules.js';

/* Cases as the API speaks them. Pure. */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const isoDate = z.iso.date({ error: 'cases.date_format' });
const instant = z.iso.datetime({ offset: true });
const reason = z.string().trim().min(1, { error: 'cases.reason_required' }).max(1000);

export const emergencyMeasures = [
  'parents_ordered_back',
  'entrusted_guardian_named',
  'escort_relative',
  'escort_village_committee',
  'escort_rescue_station',
  'escort_protection_centre',
  'escort_welfare_institution',
  'violence_stopped',
  'medical_care',
] as const;
export const placementKinds = [
  'relative',
  'foster_family',
  'village_committee',
  'rescue_station',
  'minor_protection_centre',
  'welfare_home',
] as const;
/** The seven grounds of temporary state guardianship (DOMAIN.md §3). */
export const temporaryGuardianshipGrounds = [
  'begging_or_unknown_identity',
  'guardian_missing',
  'guardian_unable',
  'guardian_refuses_or_neglects',
  'used_for_crime',
  'serious_harm_needs_placement',
  'other_legal_case',
] as const;
export const longTermGuardianshipBases = [
  'parents_not_found',
  'parents_dead',
  'parents_incapacitated_no_substitute',
  'guardianship_revoked',
] as const;
export const revocationGrounds = [
  'serious_abuse',
  'abandonment',
  'refused_duty_6_months',
  'left_in_danger_after_education',
  'other',
] as const;
export const goalStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;

const placementSchema = z.object({
  kind: z.enum(placementKinds),
  organisationId: z.uuid().nullable().optional(),
  where: text(300),
  why: text(1000),
});

const scoresSchema = z.object(
  Object.fromEntries(assessmentSections.map((s) => [s, z.number().int().min(0).max(4)])) as Record<
    (typeof assessmentSections)[number],
    z.ZodNumber
  >,
);

const measureSchema = z.discriminatedUnion('measure', [
  z.object({ measure: z.literal('admonishment'), issuedBy: text(200), issuedOn: isoDate, note: optionalText(1000) }),
  z.object({
    measure: z.literal('family_education_guidance_order'),
    issuedBy: text(200),
    issuedOn: isoDate,
    note: optionalText(1000),
  }),
  z.object({ measure: z.literal('protection_order'), court: text(200), issuedOn: isoDate, note: optionalText(1000) }),
  z.object({
    measure: z.literal('temporary_state_guardianship'),
    ground: z.enum(temporaryGuardianshipGrounds),
    startedOn: isoDate,
    placement: placementSchema,
  }),
  z.object({
    measure: z.literal('revocation_application'),
    grounds: z.array(z.enum(revocationGrounds)).min(1),
    court: text(200),
    filedOn: isoDate,
    decision: z.enum(['pending', 'revoked', 'rejected']).default('pending'),
    decidedOn: isoDate.nullable().optional(),
  }),
  z.object({
    measure: z.literal('long_term_state_guardianship'),
    basis: z.enum(longTermGuardianshipBases),
    startedOn: isoDate,
    placement: placementSchema,
  }),
  z.object({
    measure: z.literal('return_home_assessment'),
    assessedOn: isoDate,
    returnHome: z.boolean(),
    note: text(1000),
  }),
]);

const common = {
  expectedSeq: z
    .number()
    .int()
    .min(1)
    .meta({ description: 'seq of the last action the caller saw (the case version)' }),
};

export const actionInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge'), ...common, note: optionalText(1000) }),
  z.object({
    type: z.literal('emergency_response'),
    ...common,
    attendedBy: z.array(text(100)).min(1),
    attendedAt: instant,
    childSafe: z.boolean(),
    measures: z.array(z.enum(emergencyMeasures)).default([]),
    entrustedGuardian: optionalText(200),
    placement: placementSchema.nullable().optional(),
    townshipNotified: z.boolean(),
    note: optionalText(2000),
  }),
  z.object({
    type: z.literal('assessment'),
    ...common,
    scores: scoresSchema,
    overrides: z.array(z.enum(emergencyOverrides)).default([]),
    notes: z.record(z.string(), z.string().max(2000)).default({}),
  }),
  z.object({
    type: z.literal('assistance_plan'),
    ...common,
    goals: z
      .array(
        z.object({
          goal: text(300),
          services: z.array(text(100)).default([]),
          responsibleOrgId: z.uuid(),
          dueOn: isoDate,
          status: z.enum(goalStatuses).default('planned'),
        }),
      )
      .min(1),
    benefitTasks: z.array(z.object({ benefit: text(100), responsibleOrgId: z.uuid(), dueOn: isoDate })).default([]),
  }),
  z.object({
    type: z.literal('case_conference'),
    ...common,
    heldOn: isoDate,
    participants: z.array(text(200)).min(1),
    decisions: z.array(text(1000)).min(1),
  }),
  z.object({ type: z.literal('guardianship_intervention'), ...common, intervention: measureSchema }),
  z.object({ type: z.literal('add_participant'), ...common, organisationId: z.uuid() }),
  z.object({ type: z.literal('start_monitoring'), ...common, note: optionalText(1000) }),
  z.object({ type: z.literal('request_closure'), ...common, reason, outcome: text(1000) }),
  z.object({ type: z.literal('approve_closure'), ...common, note: optionalText(1000) }),
  z.object({ type: z.literal('reject_closure'), ...common, reason }),
  z.object({ type: z.literal('reopen'), ...common, reason }),
]);
export type ActionInput = z.infer<typeof actionInputSchema>;

export const openCaseSchema = z.object({
  reportIds: z.array(z.uuid()).max(20).default([]),
  childId: z.uuid().optional().meta({ description: 'required when no report names a registered child' }),
  leadOrganisationId: z.uuid().optional(),
  managerUserId: z.uuid().optional(),
  participantIds: z.array(z.uuid()).max(20).default([]),
  reason: optionalText(1000),
});
export type OpenCaseInput = z.infer<typeof openCaseSchema>;

const statusEnum = z.enum(caseStatuses);

export const caseActionViewSchema = z.object({
  seq: z.number(),
  type: z.string(),
  statusAfter: statusEnum,
  actorLabel: z.string(),
  actorOrganisationId: z.string().nullable(),
  occurredAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  late: z.boolean(),
});

export const clockViewSchema = z.object({
  id: z.string(),
  rule: z.string(),
  ownerOrganisationId: z.string(),
  ownerOrganisationName: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  provisional: z.boolean(),
  state: z.string(),
  stoppedAt: z.string().nullable(),
  escalationLevel: z.number(),
  overdue: z.boolean(),
});

export const caseViewSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  child: z.object({ id: z.string(), name: z.string(), riskGrade: z.string().nullable() }),
  divisionCode: z.string(),
  status: statusEnum,
  seq: z.number(),
  lead: z.object({ id: z.string(), name: z.string() }),
  manager: z.object({ id: z.string(), name: z.string() }).nullable(),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  openedAt: z.string(),
  reports: z.array(z.object({ id: z.string(), refNo: z.string(), channel: z.string(), reportedAt: z.string() })),
  actions: z.array(caseActionViewSchema),
  clocks: z.array(clockViewSchema),
  allowedActions: z.array(z.enum(userActionTypes)),
});
export type CaseView = z.infer<typeof caseViewSchema>;

export const caseListItemSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  childId: z.string(),
  childName: z.string(),
  riskGrade: z.enum(riskGrades).nullable(),
  status: statusEnum,
  seq: z.number(),
  leadName: z.string(),
  openedAt: z.string(),
  lastActionAt: z.string(),
  overdueClocks: z.number(),
});

export const caseListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .meta({
      description: "case number or a part of it, the child's name or a part of it, pinyin or initials, Haven code",
    }),
  status: statusEnum.optional(),
  riskGrade: z.enum(riskGrades).optional().meta({ description: "the child's current risk grade" }),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: 'true: only cases with a running clock past its due time; false: only those without' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
