import type { ColumnType, Generated } from 'kysely';
import type { AssignmentReason, Employment, StaffPost, StaffStatus } from '../../contract/grassroots/roster.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, number | undefined, number>;

/** Migration 0034: one person on the roster in one post (real name), with status and dates. */
export interface GrassrootsStaffTable {
  id: Generated<string>;
  post: StaffPost;
  name: string;
  user_id: string | null;
  organisation_id: string;
  division_code: string;
  phone: string | null;
  employment: Employment;
  other_duties: string | null;
  /** numeric: pg returns it as a string. */
  training_hours: ColumnType<string, number | string | undefined, number | string>;
  status: ColumnType<StaffStatus, StaffStatus | undefined, StaffStatus>;
  appointed_on: string;
  removed_on: string | null;
  removal_reason: string | null;
  version: Version;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: string | null;
}

/** A place a roster entry covers from a date (until a date): the appointment history. */
export interface GrassrootsPostingsTable {
  id: Generated<string>;
  staff_id: string;
  division_code: string;
  from_on: string;
  to_on: string | null;
  reason: string | null;
  recorded_by: string | null;
  recorded_at: Stamp;
}

/** The responsible director of a child, from when to when, and why it began and ended. */
export interface ChildAssignmentsTable {
  id: Generated<string>;
  child_id: string;
  staff_id: string;
  from_at: Stamp;
  to_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reason: AssignmentReason;
  note: string | null;
  ended_reason: 'reassigned' | 'director_removed' | 'moved' | null;
  recorded_by: string | null;
  recorded_at: Stamp;
}

/** Migration 0049: a training session of the grassroots team. */
export interface TrainingSessionsTable {
  id: Generated<string>;
  topic: string;
  held_on: string;
  hours: ColumnType<string, number, number>;
  trainer: string;
  division_code: string;
  organisation_id: string;
  certificate: string | null;
  version: Version;
  created_by: string | null;
  created_at: Stamp;
  updated_at: Stamp;
}

/** Migration 0049: who attended a session, with the certificate number given. */
export interface TrainingAttendanceTable {
  session_id: string;
  staff_id: string;
  certificate_no: string | null;
  recorded_by: string | null;
  recorded_at: Stamp;
}

/** Migration 0049: a subsidy paid, an incentive or an accountability record of a roster entry. */
export interface GrassrootsRecordsTable {
  id: Generated<string>;
  staff_id: string;
  kind: 'subsidy' | 'incentive' | 'accountability';
  decided_on: string;
  amount: ColumnType<string | null, number | null, number | null>;
  reason: string;
  recorded_by: string | null;
  recorded_at: Stamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    grassroots_staff: GrassrootsStaffTable;
    grassroots_postings: GrassrootsPostingsTable;
    child_assignments: ChildAssignmentsTable;
    training_sessions: TrainingSessionsTable;
    training_attendance: TrainingAttendanceTable;
    grassroots_records: GrassrootsRecordsTable;
  }
}
