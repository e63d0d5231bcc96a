import type { ColumnType, Generated } from 'kysely';
import '../../core/scope/participation.js';
import '../../core/timeline.js';
import '../../core/tables/children.js';

// child_participations and child_timeline belong to their one writer in core; the child's file
// tables are typed in core (read by other features), written here.
export type {
  ChildCategoriesTable,
  ChildrenTable,
  FamilyMembersTable,
  MemberSituationsTable,
} from '../../core/tables/children.js';
export type { ChildParticipationsTable } from '../../core/scope/participation.js';
export type { ChildTimelineTable } from '../../core/timeline.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Version = ColumnType<number, number | undefined, number>;
type Json<T> = ColumnType<T, string | undefined, string>;

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
