import { z } from 'zod';
import { caseViewSchema } from './views.js';
import { caseStatuses, userActionTypes } from './vocabulary.js';

/* The `error.details` of a case's 409s: the case as the caller reads it, so the page can redraw. Pure. */

/** `cases.stale`: the caller acted on an old version (expectedSeq); here is the case now. */
export const caseStaleDetailsSchema = z.object({ current: caseViewSchema });
export type CaseStaleDetails = z.infer<typeof caseStaleDetailsSchema>;

/** `cases.action_not_allowed`: the status now, the actions it allows, and the case when it could be read. */
export const caseActionNotAllowedDetailsSchema = z.object({
  status: z.enum(caseStatuses),
  allowedActions: z.array(z.enum(userActionTypes)),
  current: caseViewSchema.optional(),
});
export type CaseActionNotAllowedDetails = z.infer<typeof caseActionNotAllowedDetailsSchema>;
