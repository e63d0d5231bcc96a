import type { ColumnType, Generated } from 'kysely';
import type { NeedActionType, NeedStatus, TrainingStatus } from '../../contract/charity/vocabulary.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, number | undefined, number>;
/** bigint in PostgreSQL; pg returns it as a string. */
type Fen = ColumnType<string | null, number | null | undefined, number | null>;

/** Migration 0071: a need from a child's plan or visit (a workflow subject). */
export interface CharityNeedsTable {
  id: Generated<string>;
  child_id: string;
  case_id: string | null;
  source: string;
  kind: string;
  description: string;
  amount_fen: Fen;
  /** The child's residence when the need was raised: which charities see it. */
  division_code: string;
  raised_by_org_id: string | null;
  volunteer_id: string | null;
  receipt_number: string | null;
  handed_on: string | null;
  received_by: string | null;
  seq: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string, never>;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface CharityNeedActionsTable {
  id: Generated<string>;
  need_id: string;
  seq: number;
  type: NeedActionType;
  status_after: NeedStatus;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  accountable_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DonationsTable {
  id: Generated<string>;
  charity_org_id: string;
  donor_kind: string;
  donor_name: string | null;
  form: string;
  amount_fen: Fen;
  goods: string | null;
  received_on: string;
  need_id: string | null;
  version: Version;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface VolunteersTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  skills: string[];
  availability: string | null;
  hours: ColumnType<number, number | undefined, number>;
  check_passed_on: string | null;
  check_expires_on: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface GuidanceOrdersTable {
  id: Generated<string>;
  child_id: string;
  case_id: string | null;
  issued_by: string;
  issued_on: string;
  guardian: string;
  provider_org_id: string | null;
  owner_org_id: string;
  division_code: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface GuidanceSessionsTable {
  id: Generated<string>;
  order_id: string;
  number: number;
  due_on: string;
  held_on: string | null;
  attended: boolean | null;
  note: string | null;
  recorded_by: string | null;
}

/** Migration 0085: a guardian referred to vocational training. */
export interface GuardianTrainingsTable {
  id: Generated<string>;
  child_id: string;
  guardian: string;
  course: string;
  provider: string;
  referred_on: string;
  status: TrainingStatus;
  enrolled_on: string | null;
  ended_on: string | null;
  note: string | null;
  owner_org_id: string;
  division_code: string;
  version: Version;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Migration 0140: a group event of an organisation, optionally of a project it provides. */
export interface VolunteerActivitiesTable {
  id: Generated<string>;
  organisation_id: string;
  project_id: string | null;
  title: string;
  held_on: string;
  division_code: string;
  place: string | null;
  skills: string[];
  places: number;
  age_from: number | null;
  age_to: number | null;
  version: Version;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ActivityVolunteersTable {
  activity_id: string;
  volunteer_id: string;
  matched_at: ColumnType<Date, Date | string, never>;
  matched_by: string | null;
  hours: number | null;
  hours_recorded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    charity_needs: CharityNeedsTable;
    charity_need_actions: CharityNeedActionsTable;
    donations: DonationsTable;
    volunteers: VolunteersTable;
    guidance_orders: GuidanceOrdersTable;
    guidance_sessions: GuidanceSessionsTable;
    guardian_trainings: GuardianTrainingsTable;
    volunteer_activities: VolunteerActivitiesTable;
    activity_volunteers: ActivityVolunteersTable;
  }
}
