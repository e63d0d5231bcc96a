import { guardianshipRulesSchema } from '../../contract/assessments/standard.js';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * The guardianship assessment's scoring rules (DB42/T 1969-2023 structure, DOMAIN.md §8) and when to
 * assess, per division. The standard's cut-off scores are not public: the defaults are Haven's
 * (`cutOffsSource` says so on every answer) until the county publishes its own.
 */
export const assessmentRules = ruleSection('assessments', guardianshipRulesSchema);
