import type { ColumnType, Generated } from 'kysely';
import type { AssessmentTrigger } from '../../contract/assessments/assessments.js';
import type { GuardianshipGrade } from '../../contract/assessments/standard.js';
import type { RiskGrade } from '../../contract/registry/vocabulary.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type Numeric = ColumnType<string, number, number>;

/** Migration 0048: one guardianship assessment of a child (DB42/T 1969-2023), versioned. */
export interface GuardianshipAssessmentsTable {
  id: Generated<string>;
  child_id: string;
  case_id: string | null;
  assessed_on: ColumnType<string, string, string>;
  trigger: AssessmentTrigger;
  answers: Json<Record<string, string>>;
  overrides: string[];
  notes: string | null;
  score: Numeric;
  by_indicator: Json<Record<string, number>>;
  scored_grade: GuardianshipGrade;
  grade: GuardianshipGrade;
  capped_by: string[];
  risk_grade: RiskGrade;
  risk_grade_before: RiskGrade | null;
  overridden: boolean;
  rule_set_version: string;
  follow_up_state: 'open' | 'taken_up' | null;
  follow_up_note: string | null;
  follow_up_by: string | null;
  follow_up_at: Date | null;
  assessor_user_id: string | null;
  assessor_name: string;
  organisation_id: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Stamp;
  updated_at: Stamp;
}

/** Migration 0048: what a correction replaced (append-only). */
export interface GuardianshipAssessmentRevisionsTable {
  assessment_id: string;
  version: number;
  answers: Json<Record<string, string>>;
  overrides: string[];
  notes: string | null;
  score: Numeric;
  grade: string;
  risk_grade: string;
  replaced_by: string | null;
  replaced_at: Stamp;
}

/** Children whose assessment schedule may have changed since the sweep last read them (0180; written by triggers). */
export interface AssessmentScheduleDirtyTable {
  child_id: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    guardianship_assessments: GuardianshipAssessmentsTable;
    guardianship_assessment_revisions: GuardianshipAssessmentRevisionsTable;
    assessment_schedule_dirty: AssessmentScheduleDirtyTable;
  }
}
