import { z } from 'zod';

/* Reviews of approved benefits whose basis a confirmed fact removed (issue 18). Pure. */

export const reviewStatuses = ['open', 'ended', 'kept'] as const;
export const reviewDecisions = ['end', 'keep'] as const;

/** The county ends the benefit (paid through the month of `endedOn`) or keeps it, with its reasons. */
export const reviewDecisionSchema = z.object({
  decision: z.enum(reviewDecisions),
  note: z.string().trim().min(1).max(1000),
  version: z.number().int().min(1),
  /** The day the basis ended (defaults to today): the benefit is paid through that month. */
  endedOn: z.iso.date().optional(),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const benefitReviewSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicationNo: z.string(),
  benefitType: z.string(),
  childId: z.string(),
  childName: z.string(),
  /** The registry category the benefit rests on, which the facts no longer support. */
  category: z.string(),
  /** What removed the basis: the fact and its source (department, roll, date, file, row). */
  cause: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  status: z.enum(reviewStatuses),
  openedBy: z.string(),
  openedAt: z.string(),
  /** The county's deadline (working days from the opening); null once decided. */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  endedOn: z.string().nullable(),
  version: z.number(),
});
export type BenefitReview = z.infer<typeof benefitReviewSchema>;
export const benefitReviewListSchema = z.array(benefitReviewSchema);
