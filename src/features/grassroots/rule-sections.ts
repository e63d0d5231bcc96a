import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * The grassroots team's thresholds, per division: a director answering for more children than
 * `overloadChildren` is shown as overloaded (Haven's default; the seed's §4.2.2 names the problem,
 * not a number); a supervision log's follow-up is due `supervisionFollowUpDays` after the check when
 * no date is given (Haven's default).
 */
export const grassrootsRules = ruleSection(
  'grassroots',
  z.object({
    overloadChildren: z.number().int().min(1).max(10_000).default(30),
    /** A follow-up asked for in the supervision log without a date is due this many days after the check. */
    supervisionFollowUpDays: z.number().int().min(1).max(365).default(14),
    /**
     * When each level of the `clocks` chain hears of a late follow-up: the supervisor (the owner) and
     * the village's director at once, the township at once, the county after a week; the joint
     * conference only after a year (a follow-up of the log is the township's and the county's matter).
     */
    supervisionEscalationHours: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(24 * 365),
      )
      .min(1)
      .max(8)
      .default([0, 0, 0, 168, 8760]),
  }),
);
