import { z } from 'zod';

/* Rule sets: the rules in force for a division on a date, and their stored versions. Pure. */

const divisionCode = z.string().regex(/^\d{12}$/, 'organisations.division_format');
const isoDate = z.iso.date();

export const effectiveRulesQuerySchema = z.object({ division: divisionCode, asOf: isoDate.optional() });
export const effectiveRulesSchema = z.object({
  divisionCode: z.string(),
  asOf: z.string(),
  version: z.string(),
  sections: z.record(z.string(), z.unknown()),
});
export type EffectiveRules = z.infer<typeof effectiveRulesSchema>;

export const ruleSetListQuerySchema = z.object({ division: divisionCode });
export const ruleSetVersionSchema = z.object({
  scopeCode: z.string(),
  version: z.number(),
  validFrom: z.string(),
  rules: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type RuleSetVersion = z.infer<typeof ruleSetVersionSchema>;

export const publishRuleSetSchema = z.object({
  scopeCode: divisionCode,
  validFrom: isoDate,
  rules: z.record(z.string(), z.unknown()),
  note: z.string().trim().max(500).optional(),
});
export const publishedRuleSetSchema = z.object({ scopeCode: z.string(), version: z.number(), validFrom: z.string() });
