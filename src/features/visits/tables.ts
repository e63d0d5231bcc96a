import type { ColumnType, Generated } from 'kysely';
import type { RiskGrade } from '../registry/tables.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Version = ColumnType<number, number | undefined, number>;
type Json<T> = ColumnType<T, string | undefined, string>;

export const visitKinds = ['first', 'routine', 'screening', 'follow_up', 'return_home'] as const;
export type VisitKind = (typeof visitKinds)[number];

/** The five short texts of the national home follow-up form. */
export interface VisitFindings {
  living?: string;
  family?: string;
  guardianship?: string;
  stateOfMind?: string;
  guardianView?: string;
}

/** Migration 0012: one home follow-up visit (入户随访). */
export interface HomeVisitsTable {
  id: Generated<string>;
  child_id: string;
  visited_on: string;
  kind: VisitKind;
  visitor_user_id: string | null;
  visitor_name: string;
  organisation_id: string | null;
  respondent_name: string | null;
  respondent_relation: string | null;
  last_parent_contact_on: string | null;
  schooling: string | null;
  key_attention: ColumnType<boolean, boolean | undefined, boolean>;
  findings: Json<VisitFindings>;
  suggestions: string | null;
  risk_grade: RiskGrade | null;
  next_due_on: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  version: Version;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    home_visits: HomeVisitsTable;
  }
}
