import type { ColumnType, Generated } from 'kysely';

type Month = ColumnType<string, string, never>;
type Fixed<T> = ColumnType<T, T, never>;

export interface BenefitPaymentRunsTable {
  id: Generated<string>;
  run_no: Fixed<string>;
  division_code: Fixed<string>;
  month: Month;
  child_count: Fixed<number>;
  line_count: Fixed<number>;
  /** bigint: the driver returns it as text. */
  total_fen: ColumnType<string, number, never>;
  arrears_fen: ColumnType<string, number, never>;
  created_by: Fixed<string | null>;
  created_org_id: Fixed<string | null>;
  created_by_label: Fixed<string>;
  created_at: ColumnType<Date, Date, never>;
}

export interface BenefitPaymentLinesTable {
  id: Generated<string>;
  run_id: Fixed<string>;
  child_id: Fixed<string>;
  application_id: Fixed<string>;
  benefit_type: Fixed<string>;
  national_category: Fixed<string>;
  for_month: Month;
  standard_fen: Fixed<number>;
  offset_fen: Fixed<number>;
  amount_fen: Fixed<number>;
  arrears: Fixed<boolean>;
  rules_version: Fixed<string>;
}

export interface BenefitPaymentChangesTable {
  id: Generated<string>;
  run_id: Fixed<string>;
  child_id: Fixed<string>;
  application_id: Fixed<string>;
  benefit_type: Fixed<string>;
  change: Fixed<'new' | 'ended' | 'amount_changed'>;
  previous_fen: Fixed<number | null>;
  amount_fen: Fixed<number | null>;
  reason: Fixed<string>;
  params: ColumnType<Record<string, unknown>, string, never>;
}

export interface BenefitPaymentSuspensionsTable {
  id: Generated<string>;
  application_id: string;
  child_id: string;
  from_month: string;
  reason: string;
  suspended_by: string | null;
  suspended_by_label: string;
  suspended_at: Date;
  resume_month: string | null;
  pay_arrears: boolean | null;
  lift_note: string | null;
  lifted_by: string | null;
  lifted_by_label: string | null;
  lifted_at: Date | null;
}

export interface BenefitRenewalsTable {
  id: Generated<string>;
  application_id: string;
  child_id: string;
  division_code: string;
  ages_out_on: string;
  status: string;
  renewed_until: string | null;
  school: string | null;
  seq: number;
  created_at: Date;
}

export interface BenefitRenewalStepsTable {
  id: Generated<string>;
  renewal_id: string;
  seq: number;
  type: string;
  status_after: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  actor_label: string;
  occurred_at: Date;
  recorded_at: ColumnType<Date, Date | undefined, never>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    benefit_payment_runs: BenefitPaymentRunsTable;
    benefit_payment_lines: BenefitPaymentLinesTable;
    benefit_payment_changes: BenefitPaymentChangesTable;
    benefit_payment_suspensions: BenefitPaymentSuspensionsTable;
    benefit_renewals: BenefitRenewalsTable;
    benefit_renewal_steps: BenefitRenewalStepsTable;
  }
}
