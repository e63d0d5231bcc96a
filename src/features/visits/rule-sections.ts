import { z } from 'zod';
import { categoryCodes } from '../../contract/registry/vocabulary.js';
import { ruleSection } from '../../platform/rules/rule-set.js';

const days = (value: number) => z.number().int().min(1).max(366).default(value);

/**
 * The home-visit schedule (DOMAIN.md §4, §8), rule data per division: the first visit to a newly
 * registered child within 5 working days; then by risk grade (high weekly, medium-high twice a
 * month, medium-low and low monthly) and by category (left-behind monthly, while under 16); a
 * yearly full screening of every registered child. The shortest interval that applies wins.
 * `escalationHours`: when each level of the `clocks` escalation chain hears of a missed visit —
 * by default the director at once, the township supervisor after 3 days, county civil affairs
 * after 7, the joint conference after 14.
 */
export const visitRules = ruleSection(
  'visits',
  z.object({
    firstVisitWorkingDays: z.number().int().min(1).max(60).default(5),
    everyDaysByGrade: z
      .object({ high: days(7), medium_high: days(15), medium_low: days(30), low: days(30) })
      .prefault({}),
    everyDaysByCategory: z.partialRecord(z.enum(categoryCodes), z.number().int().min(1).max(366)).default({
      left_behind: 30,
    }),
    /** A category's visit rule ends at this age (the category itself ends by the registry's rules). */
    categoryUntilAge: z.partialRecord(z.enum(categoryCodes), z.number().int().min(1).max(18)).default({
      left_behind: 16,
    }),
    screeningEveryDays: z.number().int().min(30).max(731).default(365),
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
export type VisitRules = z.output<typeof visitRules.schema>;
