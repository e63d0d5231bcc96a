import { type AssessmentSection, assessmentSections, type EmergencyOverride } from '../cases/vocabulary.js';
import type { RiskGrade } from '../registry/vocabulary.js';

/*
 * The four-colour risk grade (DOMAIN.md §8: red = high, yellow = medium_high, blue = medium_low,
 * green = low) and its emergency override, pure: the case assessment (six sections) and the
 * guardianship assessment (DB42/T 1969-2023) both grade through here. Moved from
 * features/cases/risk.ts, which keeps its names.
 */

export const riskGradeOrder: readonly RiskGrade[] = ['low', 'medium_low', 'medium_high', 'high'];

/** The colour of each grade in the local four-colour file. */
export const riskColours = { high: 'red', medium_high: 'yellow', medium_low: 'blue', low: 'green' } as const;

export function higherRiskGrade(a: RiskGrade, b: RiskGrade): RiskGrade {
  return riskGradeOrder.indexOf(a) >= riskGradeOrder.indexOf(b) ? a : b;
}

/** Any emergency circumstance skips scoring and sets the top grade. */
export function withEmergencyOverride(
  grade: RiskGrade,
  overrides: readonly EmergencyOverride[],
): { grade: RiskGrade; overridden: boolean } {
  return overrides.length > 0 ? { grade: 'high', overridden: true } : { grade, overridden: false };
}

export interface RiskRules {
  weights: Record<AssessmentSection, number>;
  /** Weighted score at or above which each grade applies. */
  cutOffs: { medium_low: number; medium_high: number; high: number };
  /** A single section at its maximum raises the grade to at least this. */
  severeSectionGrade: RiskGrade;
}

/** The case assessment's grade: six sections scored 0 (no concern) to 4 (severe), weighted, cut off. */
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
  if (assessmentSections.some((s) => scores[s] >= 4)) grade = higherRiskGrade(grade, rules.severeSectionGrade);
  return { grade, score, overridden: false };
}
