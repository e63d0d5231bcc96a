import type { EmergencyOverride } from '../cases/vocabulary.js';
import type { RiskGrade } from '../registry/vocabulary.js';
import { withEmergencyOverride } from '../risk/grade.js';
import {
  type AssessmentItem,
  assessmentItemCodes,
  assessmentItems,
  type GuardianshipGrade,
  type GuardianshipRules,
  guardianshipGrades,
  type SecondLevelIndicator,
  secondLevelIndicators,
} from './standard.js';

/* The guardianship assessment's grading, pure: the server stores what it says, the form shows it live. */

export type AssessmentAnswers = Record<AssessmentItem, string>;

export interface GuardianshipResult {
  /** Weighted percentage 0–100 (100 = every item at its best answer). */
  score: number;
  /** Each second-level indicator's percentage of its own maximum. */
  byIndicator: Record<SecondLevelIndicator, number>;
  /** The grade by the cut-offs alone, before any cap. */
  scoredGrade: GuardianshipGrade;
  grade: GuardianshipGrade;
  /** The answers that capped the grade (`item:answer`). */
  cappedBy: string[];
  riskGrade: RiskGrade;
  /** Whether an emergency circumstance set the top risk grade regardless of the score. */
  overridden: boolean;
}

const worse = (a: GuardianshipGrade, b: GuardianshipGrade) =>
  guardianshipGrades.indexOf(a) <= guardianshipGrades.indexOf(b) ? a : b;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** An answer the item does not have, or an item not answered, as `item` / `item:answer`; none → []. */
export function invalidAnswers(answers: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const item of assessmentItemCodes) {
    const answer = answers[item];
    if (answer === undefined) problems.push(item);
    else if (!(assessmentItems[item].answers as readonly string[]).includes(answer)) problems.push(`${item}:${answer}`);
  }
  for (const key of Object.keys(answers)) if (!(key in assessmentItems)) problems.push(key);
  return problems;
}

export function gradeGuardianship(
  answers: AssessmentAnswers,
  overrides: readonly EmergencyOverride[],
  rules: GuardianshipRules,
): GuardianshipResult {
  const got = Object.fromEntries(secondLevelIndicators.map((i) => [i, 0])) as Record<SecondLevelIndicator, number>;
  const max = { ...got };
  for (const item of assessmentItemCodes) {
    const { indicator, answers: options } = assessmentItems[item];
    const table = rules.points[item];
    const index = (options as readonly string[]).indexOf(answers[item]);
    got[indicator] += table[Math.max(index, 0)] ?? 0;
    max[indicator] += Math.max(...table);
  }
  const byIndicator = { ...got };
  let weighted = 0;
  let totalWeight = 0;
  for (const indicator of secondLevelIndicators) {
    const share = max[indicator] > 0 ? got[indicator] / max[indicator] : 1;
    byIndicator[indicator] = round1(share * 100);
    weighted += share * rules.weights[indicator];
    totalWeight += rules.weights[indicator];
  }
  const score = round1(totalWeight > 0 ? (weighted / totalWeight) * 100 : 100);
  const scoredGrade: GuardianshipGrade =
    score >= rules.cutOffs.normal
      ? 'normal'
      : score >= rules.cutOffs.insufficient
        ? 'insufficient'
        : score >= rules.cutOffs.improper
          ? 'improper'
          : 'missing';
  let grade = scoredGrade;
  const cappedBy: string[] = [];
  for (const cap of rules.caps)
    if (answers[cap.item as AssessmentItem] === cap.answer && worse(grade, cap.grade) !== grade) {
      grade = cap.grade;
      cappedBy.push(`${cap.item}:${cap.answer}`);
    }
  const risk = withEmergencyOverride(rules.riskGradeOf[grade], overrides);
  return { score, byIndicator, scoredGrade, grade, cappedBy, riskGrade: risk.grade, overridden: risk.overridden };
}

/** The best answer of every item (a starting point for the form). */
export function bestAnswers(): AssessmentAnswers {
  return Object.fromEntries(
    assessmentItemCodes.map((item) => [item, assessmentItems[item].answers[0]]),
  ) as AssessmentAnswers;
}
