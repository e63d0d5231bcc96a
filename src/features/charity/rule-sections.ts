import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * Charity rules (issue 19; rule data per division): a volunteer's criminal-record check is renewed
 * yearly (DOMAIN §4, "staff criminal-record check: yearly"), with a warning a month before.
 */
export const charityRules = ruleSection(
  'charity',
  z.object({
    checkValidMonths: z.number().int().min(1).max(60).default(12),
    checkWarnDays: z.number().int().min(0).max(120).default(30),
  }),
);
