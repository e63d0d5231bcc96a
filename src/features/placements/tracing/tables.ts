import type { ColumnType, Generated } from 'kysely';
import type { LeadDecision, LeadSource, TracingOutcome, TracingStatus } from '../../../contract/placements/tracing.js';

type Json<T> = ColumnType<T, string, string>;

export interface TracingKnown {
  statedName: string | null;
  statedAge: number | null;
  dialect: string | null;
  statements: string | null;
}

export interface TracingFamily {
  name: string;
  relationship: string;
  phone: string | null;
  divisionCode: string | null;
  address: string | null;
}

export interface TracingRequestsTable {
  id: Generated<string>;
  child_id: string;
  organisation_id: string | null;
  status: ColumnType<TracingStatus, TracingStatus | undefined, TracingStatus>;
  outcome: TracingOutcome | null;
  provisional_code: string;
  found_at: ColumnType<Date, Date | string, Date | string>;
  found_place: string;
  known: Json<TracingKnown>;
  description: string;
  matched_lead_id: string | null;
  version: ColumnType<number, number | undefined, number>;
  opened_by: string | null;
  opened_by_label: string;
  opened_at: ColumnType<Date, Date | string, Date | string>;
  identified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  close_note: string | null;
}

export interface TracingLeadsTable {
  id: Generated<string>;
  request_id: string;
  source: LeadSource;
  summary: string;
  family: Json<TracingFamily | null>;
  status: ColumnType<'open' | LeadDecision, 'open' | undefined, LeadDecision>;
  decision_note: string | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: ColumnType<Date, Date | string, never>;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    tracing_requests: TracingRequestsTable;
    tracing_leads: TracingLeadsTable;
  }
}
