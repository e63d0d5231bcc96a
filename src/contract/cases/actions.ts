import { z } from 'zod';
import {
  assessmentSections,
  emergencyMeasures,
  emergencyOverrides,
  goalStatuses,
  longTermGuardianshipBases,
  placementKinds,
  revocationDecisions,
  revocationGrounds,
  temporaryGuardianshipGrounds,
} from './vocabulary.js';

/* What a person sends to act on a case (POST /api/cases/:id/actions): one body per action type. Pure. */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const isoDate = z.iso.date({ error: 'cases.date_format' });
const instant = z.iso.datetime({ offset: true });
const reason = z.string().trim().min(1, { error: 'cases.reason_required' }).max(1000);

export const placementSchema = z.object({
  kind: z.enum(placementKinds),
  organisationId: z.uuid().nullable().optional(),
  where: text(300),
  why: text(1000),
});
export type PlacementInput = z.infer<typeof placementSchema>;

const scoresSchema = z.object(
  Object.fromEntries(assessmentSections.map((s) => [s, z.number().int().min(0).max(4)])) as Record<
    (typeof assessmentSections)[number],
    z.ZodNumber
  >,
);

export const measureSchema = z.discriminatedUnion('measure', [
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
    decision: z.enum(revocationDecisions).default('pending'),
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
/** What the web builds before sending: the shape of the body, defaults not yet applied. */
export type ActionBody = z.input<typeof actionInputSchema>;

export const openCaseSchema = z.object({
  reportIds: z.array(z.uuid()).max(20).default([]),
  childId: z.uuid().optional().meta({ description: 'required when no report names a registered child' }),
  leadOrganisationId: z.uuid().optional(),
  managerUserId: z.uuid().optional(),
  participantIds: z.array(z.uuid()).max(20).default([]),
  reason: optionalText(1000),
  siblingChildIds: z.array(z.uuid()).max(12).default([]).meta({
    description:
      "the child's siblings (same household) to open a case for too: one case per child, linked as siblings; reports about several siblings do the same",
  }),
});
export type OpenCaseInput = z.infer<typeof openCaseSchema>;
export type OpenCaseBody = z.input<typeof openCaseSchema>;
