import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * Procuratorial recommendations (issue 15; rule data per division, DOMAIN §4): the addressee replies
 * in writing within one calendar month; a reply returned for a better one is due within 15 days;
 * an overdue reply escalates at the due time, then after 3, 7, 14 and 30 days along the place's
 * chain (one hour mark per level of the `clocks` chain, else the `clocks` section's hours apply).
 */
export const recommendationRules = ruleSection(
  'recommendations',
  z.object({
    replyMonths: z.number().int().min(1).max(12).default(1),
    returnedReplyDays: z.number().int().min(1).max(90).default(15),
    escalationHours: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(24 * 365),
      )
      .min(1)
      .max(8)
      .default([0, 72, 168, 336, 720]),
  }),
);
