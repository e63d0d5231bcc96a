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

/** A review of an approved benefit whose basis a confirmed fact removed (migration 0175). */
export interface BenefitReviewsTable {
  id: Generated<string>;
  application_id: string;
  child_id: string;
  division_code: string;
  category: string;
  /** What removed the basis: the fact and its source (a department's roll and row), as shown to the county. */
  cause: ColumnType<Record<string, unknown>, string, never>;
  status: ColumnType<'open' | 'ended' | 'kept', 'open' | undefined, 'ended' | 'kept'>;
  opened_by_label: string;
  opened_at: ColumnType<Date, Date | string | undefined, never>;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  ended_on: string | null;
  version: ColumnType<number, number | undefined, number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    benefit_reviews: BenefitReviewsTable;
  }
}
