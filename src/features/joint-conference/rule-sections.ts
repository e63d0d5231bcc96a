import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * The joint conference's rule data (per division): when an action item's escalation levels are
 * reached after its due date (one figure per level of the place's `clocks.escalationChain`: the
 * owner department at once, then up the chain after 3, 7, 14 and 30 days — a department's task is
 * weighed in days, not hours), and which organisation kinds sit on a conference by default (the
 * government departments of the place and the mass organisations that work with children).
 */
export const conferenceRules = ruleSection(
  'conference',
  z.object({
    actionItemEscalationHours: z
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
    memberKinds: z
      .array(z.string().min(1).max(64))
      .max(40)
      .default([
        'civil_affairs_bureau',
        'women_children_committee',
        'police',
        'procuratorate',
        'court',
        'education',
        'health',
        'disabled_persons_federation',
        'womens_federation',
        'youth_league',
      ]),
  }),
);
