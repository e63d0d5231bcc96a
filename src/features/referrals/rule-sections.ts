import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * Referral deadlines and consent (issue 15; rule data per division): the receiver answers within 2
 * working days; without a due date the service is due 20 working days after acceptance. The
 * guardian's consent is asked by default, and the child's from 8 (the Minor Protection Law has a
 * child of 8 or more heard); a referral without a required consent records why (e.g. the guardian
 * is the source of harm).
 */
export const referralRules = ruleSection(
  'referrals',
  z.object({
    responseWorkingDays: z.number().int().min(0).max(60).default(2),
    completionWorkingDays: z.number().int().min(1).max(250).default(20),
    consent: z
      .object({
        guardianRequired: z.boolean().default(true),
        childRequiredFromAge: z.number().int().min(0).max(18).default(8),
      })
      .prefault({}),
  }),
);
