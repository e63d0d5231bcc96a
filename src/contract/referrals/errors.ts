import { z } from 'zod';
import { referralStatuses, referralUserActions } from './vocabulary.js';
import { referralViewSchema } from './views.js';

/* The `error.details` of a referral's 409s: the status now, what it allows, the referral as read. Pure. */

export const referralActionNotAllowedDetailsSchema = z.object({
  status: z.enum(referralStatuses),
  allowedActions: z.array(z.enum(referralUserActions)),
  current: referralViewSchema.optional(),
});
export const referralStaleDetailsSchema = z.object({ current: referralViewSchema.optional() });
