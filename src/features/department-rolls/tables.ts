import type { ColumnType, Generated } from 'kysely';
import type { Department, ProposalStatus, RollKind, RowOutcome } from '../../contract/department-rolls/vocabulary.js';
import type { ProposedFact } from '../../contract/department-rolls/rolls.js';
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
  uploaded_by: string | null;
  uploaded_by_label: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DepartmentRollRowsTable {
  roll_id: string;
  row_number: number;
  outcome: RowOutcome;
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
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  version: ColumnType<number, number | undefined, number>;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    department_rolls: DepartmentRollsTable;
    department_roll_rows: DepartmentRollRowsTable;
    fact_proposals: FactProposalsTable;
  }
}
