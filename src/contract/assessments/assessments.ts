import { z } from 'zod';
import { emergencyOverrides } from '../cases/vocabulary.js';
import { isoDateSchema } from '../registry/child.js';
import { riskGrades } from '../registry/vocabulary.js';
import { guardianshipGrades, guardianshipRulesSchema, secondLevelIndicators } from './standard.js';

/* The guardianship assessment over HTTP (DB42/T 1969-2023). Pure. */

export const assessmentTriggers = ['risk_clue', 'before_return_home', 'periodic', 'case', 'other'] as const;
export type AssessmentTrigger = (typeof assessmentTriggers)[number];
/** The clocks that say when to assess (rule names of `clocks`, subject `assessment` = the child). */
export const assessmentClockRules = [
  'assessment.risk_clue',
  'assessment.before_return',
  'assessment.periodic',
] as const;
export type AssessmentClockRule = (typeof assessmentClockRules)[number];

const notes = z.string().trim().max(2000).nullable().optional();
/** Item code → answer code; which items and answers exist is checked against the standard (400 naming each). */
const answersSchema = z.record(z.string().max(40), z.string().max(40));

export const recordAssessmentSchema = z.object({
  childId: z.uuid(),
  assessedOn: isoDateSchema,
  trigger: z.enum(assessmentTriggers).default('other'),
  answers: answersSchema,
  overrides: z.array(z.enum(emergencyOverrides)).max(emergencyOverrides.length).default([]),
  notes,
  caseId: z.uuid().nullable().optional(),
});
export type RecordAssessmentInput = z.infer<typeof recordAssessmentSchema>;

export const correctAssessmentSchema = z.object({
  version: z.number().int().min(1),
  answers: answersSchema.optional(),
  overrides: z.array(z.enum(emergencyOverrides)).max(emergencyOverrides.length).optional(),
  notes,
});
export type CorrectAssessmentInput = z.infer<typeof correctAssessmentSchema>;

export const takeUpFollowUpSchema = z.object({
  version: z.number().int().min(1),
  note: z.string().trim().min(1).max(2000),
});
export type TakeUpFollowUpInput = z.infer<typeof takeUpFollowUpSchema>;

const indicatorShares = z.object(
  Object.fromEntries(secondLevelIndicators.map((i) => [i, z.number()])) as Record<
    (typeof secondLevelIndicators)[number],
    z.ZodNumber
  >,
);

export const assessmentViewSchema = z.object({
  id: z.string(),
  childId: z.string(),
  caseId: z.string().nullable(),
  version: z.number(),
  assessedOn: z.string(),
  trigger: z.enum(assessmentTriggers),
  answers: z.record(z.string(), z.string()),
  overrides: z.array(z.enum(emergencyOverrides)),
  notes: z.string().nullable(),
  score: z.number(),
  byIndicator: indicatorShares,
  scoredGrade: z.enum(guardianshipGrades),
  grade: z.enum(guardianshipGrades),
  cappedBy: z.array(z.string()),
  riskGrade: z.enum(riskGrades),
  riskGradeBefore: z.enum(riskGrades).nullable(),
  overridden: z.boolean(),
  followUps: z.array(z.string()),
  followUpState: z.enum(['open', 'taken_up']).nullable(),
  followUpNote: z.string().nullable(),
  ruleSetVersion: z.string(),
  assessorName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revisions: z.number(),
});
export type AssessmentView = z.infer<typeof assessmentViewSchema>;

export const assessmentListSchema = z.object({
  items: z.array(assessmentViewSchema),
  /** The running clocks that say this child is due an assessment. */
  due: z.array(
    z.object({ rule: z.enum(assessmentClockRules), dueAt: z.string(), overdue: z.boolean(), state: z.string() }),
  ),
});
export type AssessmentList = z.infer<typeof assessmentListSchema>;

/** The scoring rules in force for a child's place (the form grades live with them). */
export const assessmentRulesViewSchema = z.object({
  version: z.string(),
  rules: guardianshipRulesSchema,
});
export type AssessmentRulesView = z.infer<typeof assessmentRulesViewSchema>;

/** My work: a "guardianship missing" result the county civil affairs must take up. */
export const guardianshipMissingSchema = z.object({
  assessmentId: z.string(),
  version: z.number(),
  childId: z.string(),
  childName: z.string(),
  divisionCode: z.string(),
  assessedOn: z.string(),
  score: z.number(),
  overdue: z.boolean(),
});
export type GuardianshipMissing = z.infer<typeof guardianshipMissingSchema>;
