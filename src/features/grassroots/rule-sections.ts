import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * The grassroots team's thresholds, per division: a director answering for more children than
 * `overloadChildren` is shown as overloaded (Haven's default; the seed's §4.2.2 names the problem,
 * not a number).
 */
export const grassrootsRules = ruleSection(
  'grassroots',
  z.object({ overloadChildren: z.number().int().min(1).max(10_000).default(30) }),
);
