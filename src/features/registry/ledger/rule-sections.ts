import { z } from 'zod';
import { ruleSection } from '../../../platform/rules/rule-set.js';

/** Ledger import thresholds: who counts as a child, and how many rows one transaction commits. */
export const ledgerImportRules = ruleSection(
  'ledger.import',
  z
    .object({
      maxAgeYears: z.number().int().min(1).max(30).default(18),
      batchSize: z.number().int().min(50).max(5000).default(2000),
    })
    .prefault({}),
);
