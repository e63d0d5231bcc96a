import type { ColumnType, Generated } from 'kysely';
import type { ApplicantKind, ApplicationStatus } from '../../contract/benefits/vocabulary.js';

export interface BenefitApplicationsTable {
  id: Generated<string>;
  application_no: string;
  child_id: string;
  benefit_type: string;
  division_code: string;
  received_on: string;
  applicant_kind: ApplicantKind;
  applicant_name: string;
  applicant_relation: string | null;
  documents: ColumnType<string[], string[] | undefined, never>;
  rules_version: string;
  /** Mirrors the log's newest status_after (a trigger keeps it); never written by code. */
  status: ColumnType<ApplicationStatus, never, never>;
  seq: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_org_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface BenefitApplicationActionsTable {
  id: Generated<string>;
  application_id: string;
  seq: number;
  type: string;
  status_after: ApplicationStatus;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  accountable_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    benefit_applications: BenefitApplicationsTable;
    benefit_application_actions: BenefitApplicationActionsTable;
  }
}
