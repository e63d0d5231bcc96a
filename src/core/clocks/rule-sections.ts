import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * Escalation (invariant 4): each clock copies these hours when it starts, so a later change of
 * rules does not rewrite history, and the sweep needs no per-row rule lookup.
 * Level 1 tells the owner at the due time; then the village child welfare director, the township
 * supervisor, the county civil affairs bureau and the joint conference (lead agency) in turn.
 */
export const clockRules = ruleSection(
  'clocks',
  z.object({
    escalationHours: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(24 * 365),
      )
      .length(5)
      .refine((hours) => hours.every((h, i) => i === 0 || h >= hours[i - 1]!), {
        message: 'escalation hours must not decrease',
      })
      .default([0, 2, 24, 72, 168]),
  }),
);
