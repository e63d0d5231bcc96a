import {
  type AssessmentSection,
  assessmentSections,
  type EmergencyOverride,
  emergencyOverrides,
} from '../../contract/cases/vocabulary.js';
import type { RiskGrade } from '../../contract/registry/vocabulary.js';
import type { RiskRules as GradeRules } from '../../contract/risk/grade.js';

// The vocabularies and the grading rule are the contract's (the API, the web and the guardianship
// assessment grade through `contract/risk/grade.ts`); the cases rule section adds what follows a grade.
export { riskGrade } from '../../contract/risk/grade.js';
export { assessmentSections, emergencyOverrides };
export type { AssessmentSection, EmergencyOverride };

export interface RiskRules extends GradeRules {
  visitEveryDays: Record<RiskGrade, number>;
  reviewAfterDays: Record<RiskGrade, number>;
}
