import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

const perGrade = (low: number, mediumLow: number, mediumHigh: number, high: number) =>
  z
    .object({
      low: z.number().int().min(1).default(low),
      medium_low: z.number().int().min(1).default(mediumLow),
      medium_high: z.number().int().min(1).default(mediumHigh),
      high: z.number().int().min(1).default(high),
    })
    .prefault({});

/**
 * Case deadlines and the risk grade (DOMAIN.md §4, §8): weights and cut-offs are editable because
 * DB42/T 1969-2023 does not publish its own. Visits: high weekly, medium-high twice a month,
 * medium-low and low monthly.
 */
export const caseRules = ruleSection(
  'cases',
  z.object({
    assessmentWorkingDays: z.number().int().min(0).max(60).default(5),
    planWorkingDays: z.number().int().min(0).max(60).default(10),
    closureApprovalWorkingDays: z.number().int().min(0).max(60).default(5),
    rescueStationStayDays: z.number().int().min(1).max(365).default(10),
    weights: z
      .object({
        safety: z.number().min(0).default(2),
        guardianship_capacity: z.number().min(0).default(2),
        physical_health: z.number().min(0).default(1),
        mental_health: z.number().min(0).default(1),
        education: z.number().min(0).default(1),
        living_conditions: z.number().min(0).default(1),
      })
      .prefault({}),
    cutOffs: z
      .object({ medium_low: z.number().default(6), medium_high: z.number().default(12), high: z.number().default(20) })
      .prefault({}),
    severeSectionGrade: z.enum(['low', 'medium_low', 'medium_high', 'high']).default('medium_high'),
    visitEveryDays: perGrade(30, 30, 15, 7),
    reviewAfterDays: perGrade(365, 180, 90, 30),
  }),
);
