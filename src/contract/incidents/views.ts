import { z } from 'zod';
import { childRoleCodes, harmKindCodes, perpetratorRelationCodes } from './vocabulary.js';

/* What the incident API speaks. Incidents are seen only by those working the child's case. Pure. */

const isoDateSchema = z.iso.date({ error: 'incidents.date_format' });

export const recordIncidentSchema = z.object({
  childId: z.uuid(),
  caseId: z.uuid().optional(),
  harmKind: z.enum(harmKindCodes),
  occurredOn: isoDateSchema,
  place: z.string().trim().min(1).max(300),
  perpetratorRelation: z.enum(perpetratorRelationCodes),
  childRole: z.enum(childRoleCodes),
  description: z.string().trim().max(4000).optional(),
});
export type RecordIncidentInput = z.infer<typeof recordIncidentSchema>;

export const incidentViewSchema = z.object({
  id: z.string(),
  childId: z.string(),
  caseId: z.string().nullable(),
  harmKind: z.enum(harmKindCodes),
  occurredOn: z.string(),
  place: z.string(),
  perpetratorRelation: z.enum(perpetratorRelationCodes),
  childRole: z.enum(childRoleCodes),
  description: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

/** The flags a case carries, derived from its child's incidents (shown to participants only). */
export const juvenileFlagsSchema = z.object({ victim: z.boolean(), offender: z.boolean() });
export type JuvenileFlags = z.infer<typeof juvenileFlagsSchema>;

export const incidentListQuerySchema = z.object({ childId: z.uuid().optional(), caseId: z.uuid().optional() });
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;

export const incidentListSchema = z.object({ items: z.array(incidentViewSchema), flags: juvenileFlagsSchema });
export type IncidentList = z.infer<typeof incidentListSchema>;

/** Victim support as a referral (legal aid, medical, psychological), made from an incident. */
export const victimSupportServices = [
  'legal_aid',
  'medical_treatment',
  'psychological_counselling',
  'victim_support',
] as const;
export const referForSupportSchema = z.object({
  toOrganisationId: z.uuid(),
  service: z.enum([...victimSupportServices, 'community_correction_follow_up']),
  reason: z.string().trim().min(1).max(2000),
  guardianConsent: z.enum(['given', 'refused', 'not_asked']),
  childConsent: z.enum(['given', 'refused', 'not_asked']),
  waiverReason: z.string().trim().max(500).optional(),
});
export type ReferForSupportInput = z.infer<typeof referForSupportSchema>;
export const referredForSupportSchema = z.object({ referralId: z.string() });
