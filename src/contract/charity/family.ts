import { z } from 'zod';
import { sessionAttendeeSchema } from '../projects/projects.js';
import { sessionKindCodes } from '../projects/vocabulary.js';
import { guidanceOrderViewSchema } from './views.js';
import { needKindCodes, needStatuses, trainingStatusCodes } from './vocabulary.js';

/* Family support on the child's file (the answer to weak family function): what was planned for the
 * family and what was delivered — needs, guidance orders, family-education sessions, guardians'
 * vocational training. Pure. */

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date({ error: 'charity.date_format' });

export const referGuardianSchema = z.object({
  guardian: text(100),
  /** The course, e.g. 家政服务员、电工、电商运营. */
  course: text(200),
  /** Who teaches it (a vocational school, the human-resources bureau's training centre). */
  provider: text(200),
  referredOn: isoDate,
});
export type ReferGuardianInput = z.infer<typeof referGuardianSchema>;

export const trainingOutcomeSchema = z.object({
  expectedVersion: z.number().int().min(1),
  status: z.enum(['enrolled', 'completed', 'dropped']),
  on: isoDate,
  note: z.string().trim().max(500).optional(),
});
export type TrainingOutcomeInput = z.infer<typeof trainingOutcomeSchema>;

export const guardianTrainingViewSchema = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  guardian: z.string(),
  course: z.string(),
  provider: z.string(),
  referredOn: z.string(),
  status: z.enum(trainingStatusCodes),
  enrolledOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  allowedNext: z.array(z.enum(trainingStatusCodes)),
});
export type GuardianTrainingView = z.infer<typeof guardianTrainingViewSchema>;

export const familySupportSchema = z.object({
  needs: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(needKindCodes),
      status: z.enum(needStatuses),
      description: z.string(),
      raisedAt: z.string(),
      receiptNumber: z.string().nullable(),
    }),
  ),
  guidanceOrders: z.array(guidanceOrderViewSchema),
  /** Family-education (and counselling) sessions social organisations recorded for this child. */
  sessions: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(sessionKindCodes),
      heldOn: z.string(),
      minutes: z.number().int(),
      attendees: z.number().int(),
      attendedBy: z.array(sessionAttendeeSchema),
      organisation: z.string(),
    }),
  ),
  trainings: z.array(guardianTrainingViewSchema),
});
export type FamilySupportView = z.infer<typeof familySupportSchema>;
