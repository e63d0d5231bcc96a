import type { ColumnType, Generated } from 'kysely';
import type {
  ServiceActionType,
  ServiceStatus,
  TransferActionType,
  TransferStatus,
} from '../../contract/case-network/vocabulary.js';

/** A service planned in a case (migration 0044); its status is folded from `case_service_actions`. */
export interface CaseServicesTable {
  id: Generated<string>;
  case_id: string;
  child_id: string;
  service: string;
  provider_org_id: string;
  response_days: number;
  due_on: ColumnType<string, string, never>;
  note: string | null;
  /** The referral that delivers it, once referred. */
  referral_id: ColumnType<string | null, string | null | undefined, string | null>;
  division_code: string;
  seq: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string, never>;
}

/** A request to move a case's lead to another organisation; at most one `waiting` per case. */
export interface CaseLeadTransfersTable {
  id: Generated<string>;
  case_id: string;
  child_id: string;
  from_org_id: string;
  to_org_id: string;
  reason: string;
  division_code: string;
  seq: ColumnType<number, number | undefined, number>;
  waiting: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string, never>;
}

interface LogRow<T, S> {
  id: Generated<string>;
  seq: number;
  type: T;
  status_after: S;
  payload: ColumnType<Record<string, unknown>, string, never>;
  actor_user_id: string | null;
  accountable_user_id: string | null;
  actor_org_id: string | null;
  actor_label: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export type CaseServiceActionsTable = LogRow<ServiceActionType, ServiceStatus> & {
  case_service_id: string;
};
export type CaseLeadTransferActionsTable = LogRow<TransferActionType, TransferStatus> & {
  case_lead_transfer_id: string;
};

declare module '../../platform/db/schema.js' {
  interface Database {
    case_services: CaseServicesTable;
    case_service_actions: CaseServiceActionsTable;
    case_lead_transfers: CaseLeadTransfersTable;
    case_lead_transfer_actions: CaseLeadTransferActionsTable;
  }
}
