import type { AssessmentSection, RiskGrade } from '@contract/cases/vocabulary.js';

// The rule set's defaults (src/features/cases/rule-sections.ts). The server grades with the rules in
// force for the child's place; this only previews, and the page says so.
const weights: Record<AssessmentSection, number> = {
  safety: 2,
  guardianship_capacity: 2,
  physical_health: 1,
  mental_health: 1,
  education: 1,
  living_conditions: 1,
};
const cutOffs = { medium_low: 6, medium_high: 12, high: 20 };
const order: RiskGrade[] = ['low', 'medium_low', 'medium_high', 'high'];

export function previewGrade(
  scores: Partial<Record<AssessmentSection, number>>,
  overrides: number,
): { grade: RiskGrade; score: number } {
  const score = (Object.keys(weights) as AssessmentSection[]).reduce(
    (sum, section) => sum + (scores[section] ?? 0) * weights[section],
    0,
  );
  if (overrides > 0) return { grade: 'high', score };
  let grade: RiskGrade =
    score >= cutOffs.high
      ? 'high'
      : score >= cutOffs.medium_high
        ? 'medium_high'
        : score >= cutOffs.medium_low
          ? 'medium_low'
          : 'low';
  if (Object.values(scores).some((value) => value >= 4) && order.indexOf(grade) < order.indexOf('medium_high'))
    grade = 'medium_high';
  return { grade, score };
}
