import type { ColumnType, Generated } from 'kysely';
import '../../core/scope/participation.js';
import '../../core/timeline.js';

// child_participations and child_timeline belong to their one writer in core.
export type { ChildParticipationsTable } from '../../core/scope/participation.js';
export type { ChildTimelineTable } from '../../core/timeline.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Version = ColumnType<number, number | undefined, number>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string | undefined, string>;

import type {
  CategoryCode,
  CategoryState,
  ChildStatus,
  GuardianshipCapacity,
  RiskGrade,
  SituationKind,
} from '../../contract/registry/vocabulary.js';

export {
  type CategoryCode,
  type CategoryState,
  type ChildStatus,
  type GuardianshipCapacity,
  type RiskGrade,
  type SituationKind,
  categoryCodes,
  categoryStates,
  childStatuses,
  guardianshipCapacities,
  riskGrades,
  situationKinds,
} from '../../contract/registry/vocabulary.js';

export interface ChildrenTable {
  id: Generated<string>;
  file_no: Generated<string>;
  /** Generated from file_no: 'HV' + 10 digits. */
  haven_code: ColumnType<string, never, never>;
  name: string;
  former_names: TextArray;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  ethnicity: string | null;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  residence_code: string;
  hukou_code: string | null;
  school: string | null;
  grade: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  disability_certificate: string | null;
  serious_illness: string | null;
  household_benefits: TextArray;
  status: ColumnType<ChildStatus, ChildStatus | undefined, ChildStatus>;
  status_reason: string | null;
  handoff_note: string | null;
  merged_into: string | null;
  risk_grade: RiskGrade | null;
  /** Characters and character pairs of name and former names, for substring search (pg_trgm skips CJK under the C locale). */
  name_grams: TextArray;
  /** Space-separated ASCII keys: full pinyin, initials, surname + given initials, of every name. */
  pinyin_text: ColumnType<string, string | undefined, string>;
  registered_by_org: string | null;
  created_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FamilyMembersTable {
  id: Generated<string>;
  child_id: string;
  relation: string;
  is_guardian: ColumnType<boolean, boolean | undefined, boolean>;
  name: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  guardianship_capacity: GuardianshipCapacity | null;
  note: string | null;
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MemberSituationsTable {
  id: Generated<string>;
  member_id: string;
  kind: SituationKind;
  place: string | null;
  since: string | null;
  until: string | null;
  disability_grade: number | null;
  disability_type: string | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface ChildCategoriesTable {
  id: Generated<string>;
  child_id: string;
  category: CategoryCode;
  state: CategoryState;
  evidence: string | null;
  proposed_by_rule: string | null;
  rule_set_version: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  start_date: string | null;
  end_date: string | null;
  end_reason: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DuplicateCandidatesTable {
  id: Generated<string>;
  child_a: string;
  child_b: string;
  score: number;
  reasons: Json<Array<{ code: string; params?: Record<string, unknown> }>>;
  state: ColumnType<
    'open' | 'not_same' | 'merged',
    'open' | 'not_same' | 'merged' | undefined,
    'open' | 'not_same' | 'merged'
  >;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  /** A registrar who could not see the other file asked for the pair to be reviewed (0023). */
  merge_requested_by: ColumnType<string | null, string | null | undefined, string | null>;
  merge_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ChildMergesTable {
  id: Generated<string>;
  survivor_id: string;
  merged_id: string;
  candidate_id: string | null;
  reason: string | null;
  merged_by: string | null;
  merged_at: CreatedAt;
  undone_by: string | null;
  undone_at: Date | null;
  undo_reason: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    children: ChildrenTable;
    family_members: FamilyMembersTable;
    member_situations: MemberSituationsTable;
    child_categories: ChildCategoriesTable;
    duplicate_candidates: DuplicateCandidatesTable;
    child_merges: ChildMergesTable;
  }
}

/** A child's exit from the registry (migration 0039): reason, date, the status it left from. */
export interface ChildExitsTable {
  id: Generated<string>;
  child_id: string;
  reason: string;
  exited_on: string;
  note: string | null;
  status_before: string;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    child_exits: ChildExitsTable;
  }
}
