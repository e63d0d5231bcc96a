import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * What insight publishes to readers without children's files: counts from 1 to
 * `smallCellThreshold - 1` are suppressed (5 by default, as the registry counts).
 */
export const insightRules = ruleSection(
  'insight',
  z.object({ smallCellThreshold: z.number().int().min(2).max(100).default(5) }),
);
