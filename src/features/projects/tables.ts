import type { ColumnType, Generated } from 'kysely';
import type { EvaluationStage, LicenceLevel, SessionKind } from '../../contract/projects/vocabulary.js';
import type { IndicatorValue, SessionAttendee } from '../../contract/projects/projects.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, number | undefined, number>;
/** bigint in PostgreSQL; pg returns it as a string, the views turn it into a safe integer. */
type Fen = ColumnType<string, number | string, number | string>;

/** Migration 0052: a purchased-service contract. */
export interface ProjectsTable {
  id: Generated<string>;
  title: string;
  contract_number: string | null;
  purchaser_org_id: string;
  provider_org_id: string;
  starts_on: string;
  ends_on: string;
  area_codes: string[];
  services: string[];
  budget_fen: Fen;
  version: Version;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProjectIndicatorsTable {
  id: Generated<string>;
  project_id: string;
  kind: string;
  target: number;
  created_at: CreatedAt;
}

export interface ProjectPaymentsTable {
  id: Generated<string>;
  project_id: string;
  instalment: number;
  due_on: string;
  planned_fen: Fen;
  paid_fen: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  paid_on: string | null;
  voucher: string | null;
  version: Version;
  updated_at: UpdatedAt;
}

export interface ProjectPostsTable {
  id: Generated<string>;
  project_id: string;
  person_name: string;
  user_id: string | null;
  host_org_id: string;
  starts_on: string;
  ends_on: string;
  created_at: CreatedAt;
}

export interface ProjectEvaluationsTable {
  id: Generated<string>;
  project_id: string;
  stage: EvaluationStage;
  evaluated_on: string;
  indicators: ColumnType<IndicatorValue[], string, never>;
  findings: string;
  evaluator_user_id: string | null;
  reply: string | null;
  replied_at: Date | null;
  replied_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Work a provider's people record: counselling, family education, group activities, training. */
export interface ServiceSessionsTable {
  id: Generated<string>;
  organisation_id: string;
  recorded_by: string | null;
  worker_name: string;
  kind: SessionKind;
  child_id: string | null;
  division_code: string;
  held_on: string;
  minutes: number;
  attendees: number;
  /** Migration 0096: who attended by name (JSON array of { name, relation? }). */
  attended_by: ColumnType<SessionAttendee[], string | undefined, never>;
  note: string | null;
  created_at: CreatedAt;
}

/** Migration 0140: hours volunteers served at an activity of the project (written by `volunteer-hours.ts`). */
export interface ProjectVolunteerHoursTable {
  project_id: string;
  organisation_id: string;
  activity_id: string;
  volunteer_id: string;
  held_on: string;
  division_code: string;
  hours: number;
  created_at: CreatedAt;
}

/** Migration 0053. */
export interface SocialWorkerLicencesTable {
  id: Generated<string>;
  organisation_id: string;
  person_name: string;
  user_id: string | null;
  level: LicenceLevel;
  licence_year: number;
  created_at: CreatedAt;
}

export interface OrganisationCapacityTable {
  organisation_id: string;
  staff: number;
  volunteers: number;
  declared_counties: string[];
  version: Version;
  updated_at: UpdatedAt;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    projects: ProjectsTable;
    project_indicators: ProjectIndicatorsTable;
    project_payments: ProjectPaymentsTable;
    project_posts: ProjectPostsTable;
    project_evaluations: ProjectEvaluationsTable;
    service_sessions: ServiceSessionsTable;
    social_worker_licences: SocialWorkerLicencesTable;
    organisation_capacity: OrganisationCapacityTable;
    incubations: IncubationsTable;
    incubation_actions: IncubationActionsTable;
    project_volunteer_hours: ProjectVolunteerHoursTable;
  }
}

/** Migration 0095: an organisation being incubated; its status, milestones, support and outcome are its log. */
export interface IncubationsTable {
  id: Generated<string>;
  name: string;
  incubator: string;
  division_code: string;
  starts_on: string;
  planned_end_on: string;
  services: string[];
  note: string | null;
  owner_org_id: string;
  seq: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface IncubationActionsTable {
  id: Generated<string>;
  incubation_id: string;
  seq: number;
  type: string;
  status_after: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  accountable_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: Date;
  recorded_at: CreatedAt;
}
