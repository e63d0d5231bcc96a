import type { ColumnType, Generated } from 'kysely';
import type { RiskGrade } from '../../contract/registry/vocabulary.js';
import type { VisitFindings, VisitKind } from '../../contract/visits/visits.js';

export { type VisitFindings, type VisitKind, visitKinds } from '../../contract/visits/visits.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Version = ColumnType<number, number | undefined, number>;
type Json<T> = ColumnType<T, string | undefined, string>;

/** Migration 0012 (+0035): one home follow-up visit (入户随访). */
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
  /** 0035: the roster entry the visit was made under, the rule set that gave the next due date. */
  staff_id: ColumnType<string | null, string | null | undefined, string | null>;
  rule_set_version: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Children whose visit schedule may have changed since the sweep last read them (0180; written by triggers). */
export interface VisitScheduleDirtyTable {
  child_id: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    home_visits: HomeVisitsTable;
    visit_schedule_dirty: VisitScheduleDirtyTable;
  }
}
