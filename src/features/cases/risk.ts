import {
  type AssessmentSection,
  assessmentSections,
  type EmergencyOverride,
  emergencyOverrides,
} from '../../contract/cases/vocabulary.js';
import type { RiskGrade } from '../../contract/registry/vocabulary.js';

// The vocabularies are the contract's (the API and the web speak them); the rule that grades them is here.
export { assessmentSections, emergencyOverrides };
export type { AssessmentSection, EmergencyOverride };

export interface RiskRules {
  weights: Record<AssessmentSection, number>;
  /** Weighted score at or above which each grade applies. */
  cutOffs: { medium_low: number; medium_high: number; high: number };
  /** A single section at its maximum raises the grade to at least this. */
  severeSectionGrade: RiskGrade;
  visitEveryDays: Record<RiskGrade, number>;
  reviewAfterDays: Record<RiskGrade, number>;
}

const order: RiskGrade[] = ['low', 'medium_low', 'medium_high', 'high'];

export function riskGrade(
  scores: Record<AssessmentSection, number>,
  overrides: readonly EmergencyOverride[],
  rules: RiskRules,
): { grade: RiskGrade; score: number; overridden: boolean } {
  const score = assessmentSections.reduce((sum, section) => sum + scores[section] * rules.weights[section], 0);
  if (overrides.length > 0) return { grade: 'high', score, overridden: true };
  let grade: RiskGrade =
    score >= rules.cutOffs.high
      ? 'high'
      : score >= rules.cutOffs.medium_high
        ? 'medium_high'
        : score >= rules.cutOffs.medium_low
          ? 'medium_low'
          : 'low';
  if (assessmentSections.some((s) => scores[s] >= 4) && order.indexOf(grade) < order.indexOf(rules.severeSectionGrade))
    grade = rules.severeSectionGrade;
  return { grade, score, overridden: false };
}
