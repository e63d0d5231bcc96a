import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';
import { type ProtectionMeasure, protectionMeasures } from '../../contract/registry/child.js';
import { type CategoryCode, categoryCodes } from './tables.js';

/* Defaults from DOMAIN.md §2 (categories, ages, entitlements) and §4 (6 months out of contact). */

const defaultEntitlements: Record<CategoryCode, ProtectionMeasure[]> = {
  poverty: ['basic_living', 'medical', 'education'],
  disability: ['disability_services', 'medical', 'education'],
  guardianship_missing: ['guardianship'],
  orphan: ['basic_living', 'medical', 'education', 'guardianship'],
  de_facto_unsupported: ['basic_living', 'medical', 'education', 'guardianship'],
  left_behind: ['guardianship', 'education'],
  street: ['basic_living', 'guardianship'],
  juvenile_victim: ['guardianship', 'medical'],
  juvenile_offender: ['guardianship', 'education'],
};

const measures = z.array(z.enum(protectionMeasures));
const entitlementsSchema = z.object(
  Object.fromEntries(categoryCodes.map((code) => [code, measures.default(defaultEntitlements[code])])) as Record<
    CategoryCode,
    z.ZodDefault<typeof measures>
  >,
);

export const registryRules = ruleSection(
  'registry',
  z.object({
    /** A child is a child until this age: the file is handed on ("aged out") and memberships end. */
    childAgeLimit: z.number().int().min(1).max(25).default(18),
    leftBehindAgeLimit: z.number().int().min(1).max(18).default(16),
    /** Out of contact, imprisoned or detained for at least this long makes a parent unable to support (事实无人抚养). */
    qualifyingMonths: z.number().int().min(0).max(60).default(6),
    /** Missing this long counts like a death (宣告失踪, Civil Code art. 40: two years). */
    declaredMissingMonths: z.number().int().min(0).max(120).default(24),
    /** How long a parent must have been away before the child counts as left behind. */
    workingAwayMinMonths: z.number().int().min(0).max(24).default(0),
    severeDisabilityGrades: z.array(z.number().int().min(1).max(4)).default([1, 2]),
    mentalDisabilityGrades: z.array(z.number().int().min(1).max(4)).default([3, 4]),
    mentalDisabilityTypes: z.array(z.string()).default(['intellectual', 'mental']),
    povertyBenefits: z.array(z.string()).default(['dibao', 'tekun']),
    /** A candidate at or above this score stops a registration until the user confirms it is another child. */
    duplicateThreshold: z.number().int().min(1).max(100).default(80),
    /** The re-proposal sweep's first run looks back this far for facts the calendar changed. */
    reproposeLookbackDays: z.number().int().min(1).max(3650).default(31),
    entitlements: entitlementsSchema.default(defaultEntitlements),
  }),
);

export type RegistryRules = z.output<(typeof registryRules)['schema']>;
