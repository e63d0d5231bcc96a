import type { ColumnType, Generated } from 'kysely';
import type { Consent } from '../../contract/referrals/views.js';
import type { ReferralActionType, ReferralStatus } from '../../contract/referrals/vocabulary.js';

export interface ReferralsTable {
  id: Generated<string>;
  child_id: string;
  case_id: string | null;
  from_org_id: string;
  to_org_id: string;
  service: string;
  shares: string[];
  document_ids: ColumnType<string[], string[] | undefined, never>;
  reason: string;
  due_on: ColumnType<string | null, string | null | undefined, never>;
  consent: ColumnType<Consent, string, never>;
  /** The child's residence when the referral was made: its rules and its clocks' place. */
  division_code: string;
  /** Sequence number of the last action: the referral's version. */
  seq: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string, never>;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface ReferralActionsTable {
  id: Generated<string>;
  referral_id: string;
  seq: number;
  type: ReferralActionType;
  status_after: ReferralStatus;
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
    referrals: ReferralsTable;
    referral_actions: ReferralActionsTable;
  }
}
