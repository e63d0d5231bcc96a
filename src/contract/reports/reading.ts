import { z } from 'zod';
import { caseStatuses } from '../cases/vocabulary.js';
import { reportStages } from './vocabulary.js';

/* What one reader may see of a report (GET /api/reports/:id) and of earlier calls from a number. Pure. */

/**
 * The parts of a report the server masked for this reader. The house rule of children's files
 * (`children.unmask`: full ID numbers, phones and addresses) applies to a report's place and its
 * reporter's callback number; whoever made or took the report reads back what they wrote.
 */
export const reportMaskSchema = z.object({
  address: z.boolean(),
  reporterPhone: z.boolean(),
  /** The reporter is withheld altogether: only receivers the rule set names (police, civil affairs) and the author see who reported. */
  reporter: z.boolean(),
});
export type ReportMask = z.infer<typeof reportMaskSchema>;

/** Where a report stands: received, acknowledged or in a case, closed with its outcome. */
export const reportProgressSchema = z.object({
  stage: z.enum(reportStages),
  acknowledgedCount: z.number(),
  recipientCount: z.number(),
  caseStatus: z.enum(caseStatuses).nullable(),
  outcome: z.string().nullable(),
});
export type ReportProgress = z.infer<typeof reportProgressSchema>;

/** GET /api/reports/earlier-calls: hotline calls from the same number, for the operator on the line. */
export const earlierCallsQuerySchema = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^[\d +()-]{7,30}$/, { error: 'reports.phone_format' }),
});

/** An earlier call, masked by role: its number, when, the situations and where it stands; never the child or the narrative. */
export const earlierCallSchema = z.object({
  id: z.string(),
  refNo: z.string(),
  reportedAt: z.string(),
  situations: z.array(z.number()),
  immediateDanger: z.boolean(),
  progress: reportProgressSchema.pick({ stage: true, caseStatus: true }),
  /** Whether this reader may open the report itself (the drawer): they took it, received it or work its case. */
  readable: z.boolean(),
});
export type EarlierCall = z.infer<typeof earlierCallSchema>;
export const earlierCallListSchema = z.object({ items: z.array(earlierCallSchema) });
