import { z } from 'zod';
import { isoDateSchema } from '../registry/child.js';
import { riskGrades } from '../registry/vocabulary.js';

/* Home visits (入户随访, DOMAIN.md §8): the national follow-up form plus Haven's risk grade and next due date. Pure. */

export const visitKinds = ['first', 'routine', 'screening', 'follow_up', 'return_home'] as const;
export type VisitKind = (typeof visitKinds)[number];
/** The clocks a child's visits keep (rule names of `clocks`). */
export const visitClockRules = ['visit.first', 'visit.routine', 'visit.screening'] as const;
export type VisitClockRule = (typeof visitClockRules)[number];

const longText = z.string().trim().max(2000).nullable().optional();
const shortText = (max: number) => z.string().trim().max(max).nullable().optional();

/** The five short texts of the national home follow-up form. */
export const visitFindingsSchema = z.object({
  living: longText,
  family: longText,
  guardianship: longText,
  stateOfMind: longText,
  guardianView: longText,
});
export type VisitFindings = z.infer<typeof visitFindingsSchema>;

/**
 * The child's registry facts a visit form bears on (its schooling, guardians, entrusted carer, risk
 * grade), as the due list showed them: an offline phone sends the version it saw (`seenFacts`) and
 * the server compares it field by field with the child's facts now.
 */
export const childFactFields = ['school', 'grade', 'guardians', 'carer', 'riskGrade'] as const;
export type ChildFactField = (typeof childFactFields)[number];
const factValue = z.string().max(500).nullable();
export const childFactsSchema = z.object({
  school: factValue,
  grade: factValue,
  /** The current guardians' names, sorted, joined with 、. */
  guardians: factValue,
  /** The current entrusted carer: name (relation). */
  carer: factValue,
  riskGrade: factValue,
});
export type ChildFacts = z.infer<typeof childFactsSchema>;

export const recordVisitSchema = z.object({
  childId: z.uuid(),
  visitedOn: isoDateSchema,
  kind: z.enum(visitKinds).default('routine'),
  respondentName: shortText(50),
  respondentRelation: shortText(30),
  lastParentContactOn: isoDateSchema.nullable().optional(),
  schooling: shortText(100),
  keyAttention: z.boolean().default(false),
  findings: visitFindingsSchema.default({}),
  suggestions: shortText(2000),
  /** What the visitor judges the risk now (shown on the visit; the child's grade is the assessment's). */
  riskGrade: z.enum(riskGrades).nullable().optional(),
  /**
   * The child's latest visit the form was started from (null: none), sent by a phone that may have
   * been offline: when someone else recorded a visit of the child since, the server answers 409
   * `visits.visited_meanwhile` naming it, and the director chooses (keep both, merge, discard).
   * Omitted: no check.
   */
  seenVisitId: z.uuid().nullable().optional(),
  /**
   * The child's facts the form was started from: when one changed on the server since, 409
   * `visits.facts_changed` names each such field (seen, current) and nothing is stored; the director
   * chooses per field and sends again with the facts now seen. Omitted: no check.
   */
  seenFacts: childFactsSchema.optional(),
});
export type RecordVisitInput = z.infer<typeof recordVisitSchema>;

export const correctVisitSchema = recordVisitSchema
  .omit({ childId: true, visitedOn: true, kind: true, seenVisitId: true, seenFacts: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type CorrectVisitInput = z.infer<typeof correctVisitSchema>;

export const visitViewSchema = z.object({
  id: z.string(),
  childId: z.string(),
  visitedOn: z.string(),
  kind: z.enum(visitKinds),
  visitorName: z.string(),
  respondentName: z.string().nullable(),
  respondentRelation: z.string().nullable(),
  lastParentContactOn: z.string().nullable(),
  schooling: z.string().nullable(),
  keyAttention: z.boolean(),
  findings: visitFindingsSchema,
  suggestions: z.string().nullable(),
  riskGrade: z.enum(riskGrades).nullable(),
  nextDueOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export type VisitView = z.infer<typeof visitViewSchema>;
export const visitListSchema = z.object({ items: z.array(visitViewSchema) });
export const visitListQuerySchema = z.object({ childId: z.uuid() });

/** A child whose visit clock runs: mine (I am its director), or escalated to my organisation. */
export const visitDueSchema = z.object({
  clockId: z.string(),
  rule: z.enum(visitClockRules),
  childId: z.string(),
  childName: z.string(),
  divisionCode: z.string(),
  riskGrade: z.enum(riskGrades).nullable(),
  leftBehind: z.boolean(),
  dueAt: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number(),
  /** Why I see it: it is mine, or it was escalated to me. */
  basis: z.enum(['assigned', 'escalated']),
  lastVisitedOn: z.string().nullable(),
  /** The child's most recently recorded visit (what an offline form sends as `seenVisitId`). */
  lastVisitId: z.string().nullable(),
  /** The child's facts now (what an offline form sends back as `seenFacts`). */
  facts: childFactsSchema,
});
export type VisitDue = z.infer<typeof visitDueSchema>;
export const visitDueListSchema = z.object({ items: z.array(visitDueSchema) });
export type VisitDueList = z.infer<typeof visitDueListSchema>;
export const visitDueQuerySchema = z.object({
  withinDays: z.coerce.number().int().min(0).max(62).default(14),
});

/** The details of 409 `visits.visited_meanwhile`: the other visit (read it through GET /api/visits/:id). */
export const visitedMeanwhileDetailsSchema = z.object({
  visitId: z.string(),
  version: z.number().int(),
  visitedOn: z.string(),
  visitorName: z.string(),
});
export type VisitedMeanwhileDetails = z.infer<typeof visitedMeanwhileDetailsSchema>;

/** The details of 409 `visits.facts_changed`: each fact that differs, as the phone saw it and as it is now. */
export const factsChangedDetailsSchema = z.object({
  fields: z.array(z.object({ field: z.enum(childFactFields), seen: factValue, current: factValue })),
  current: childFactsSchema,
});
export type FactsChangedDetails = z.infer<typeof factsChangedDetailsSchema>;
