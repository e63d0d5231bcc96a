import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * Entrusted care (DOMAIN.md §2, §4), rule data per division: parents working away contact the child
 * at least every `contactEveryDays` (weekly); the written notices to the school and the village
 * committee are due within `noticeWorkingDays` of the care's start. `escalationHours`: when each level
 * of the `clocks` chain hears of a missed contact — by default the director at once, the township
 * supervisor after 3 days, county civil affairs after 7 (a missed week is a left-behind child nobody
 * has heard about: the Bijie case).
 */
export const entrustedCareRules = ruleSection(
  'entrustedCare',
  z.object({
    contactEveryDays: z.number().int().min(1).max(92).default(7),
    noticeWorkingDays: z.number().int().min(1).max(60).default(10),
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
      .default([0, 0, 72, 168, 336]),
  }),
);
