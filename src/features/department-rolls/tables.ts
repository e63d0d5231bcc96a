import type { ColumnType, Generated } from 'kysely';
import type {
  Department,
  MatchLevel,
  ProposalStatus,
  RollKind,
  RowOutcome,
} from '../../contract/department-rolls/vocabulary.js';
import type { Match, ProposedFact, RollMappingByHeader } from '../../contract/department-rolls/rolls.js';
import type { RowProblem } from './columns.js';

type Json<T> = ColumnType<T, string, string>;

export interface DepartmentRollsTable {
  id: Generated<string>;
  organisation_id: string;
  department: Department;
  kind: RollKind;
  as_of: ColumnType<string, string, never>;
  file_name: string;
  file_sha256: string;
  columns: Json<Record<string, string>>;
  rows_total: number;
  matched: number;
  unmatched: number;
  invalid: number;
  proposals: number;
  /** Migration 0130: matched rows per level. */
  match_counts: ColumnType<Partial<Record<MatchLevel, number>>, string | undefined, string>;
  uploaded_by: string | null;
  uploaded_by_label: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DepartmentRollRowsTable {
  roll_id: string;
  row_number: number;
  outcome: RowOutcome;
  /** Migration 0130. */
  match_level: MatchLevel | null;
  id_number_masked: string | null;
  name: string | null;
  problems: Json<RowProblem[]>;
}

export interface FactProposalsTable {
  id: Generated<string>;
  child_id: string;
  roll_id: string;
  row_number: number;
  fact: Json<ProposedFact>;
  /** Migration 0130; null: matched by ID number before name matching existed. */
  match: ColumnType<Match | null, string | null | undefined, string | null>;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  version: ColumnType<number, number | undefined, number>;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DepartmentRollMappingsTable {
  organisation_id: string;
  department: Department;
  kind: RollKind;
  mapping: Json<RollMappingByHeader>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    department_rolls: DepartmentRollsTable;
    department_roll_rows: DepartmentRollRowsTable;
    fact_proposals: FactProposalsTable;
    department_roll_mappings: DepartmentRollMappingsTable;
  }
}
