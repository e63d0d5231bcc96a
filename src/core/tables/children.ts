import type { ColumnType, Generated } from 'kysely';
import type {
  CategoryCode,
  CategoryState,
  ChildStatus,
  GuardianshipCapacity,
  RiskGrade,
  SituationKind,
} from '../../contract/registry/vocabulary.js';

/*
 * The child's file (一人一档) as every feature reads it: the row types of `children`, its family
 * and its categories. The registry feature writes them (its use cases in features/registry/service.ts);
 * the types live here because cases, reports, insight and the workflow features read them.
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Version = ColumnType<number, number | undefined, number>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, string | undefined, string>;

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
  /** Migration 0010_registry_core. */
  removed_reason: string | null;
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
  /** Migration 0010_registry_core: the facts the proposing rule saw. */
  proposal_evidence: Json<{ code: string; params: Record<string, string | number> } | null> | null;
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

/**
 * Migration 0094: a child's membership of a household of siblings, dated (one current per child).
 * Written by features/households; read by the registry (a family member on several siblings' files
 * is changed on every copy) and by cases (siblings' cases are opened and linked together).
 */
export interface HouseholdChildrenTable {
  id: Generated<string>;
  household_id: string;
  child_id: string;
  from_at: ColumnType<Date, Date | string | undefined, Date | string>;
  to_at: Date | null;
  ended_reason: string | null;
  recorded_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    household_children: HouseholdChildrenTable;
    children: ChildrenTable;
    family_members: FamilyMembersTable;
    member_situations: MemberSituationsTable;
    child_categories: ChildCategoriesTable;
  }
}
