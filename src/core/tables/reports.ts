import type { ColumnType, Generated } from 'kysely';
import type { HotlineLine, RecipientRole, ReportChannel as Channel } from '../../contract/reports/vocabulary.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';

/*
 * A report as every feature reads it: the row types of `reports` and `report_recipients`. The
 * reports feature writes them; a case records which reports joined it (`reports.case_id`, written
 * by features/cases when a report joins or opens a case). The types live here because cases and
 * the workflow features read them.
 */

/** Who reported. Confidential: shown only to the recipients that must call back or investigate. */
export interface ReporterIdentity {
  anonymous: boolean;
  name?: string | null;
  relationship?: string | null;
  phone?: string | null;
  organisationName?: string | null;
}

export interface ReportsTable {
  id: Generated<string>;
  ref_no: string;
  serial: ColumnType<string, number | undefined, never>;
  follow_up_hash: string | null;
  channel: Channel;
  hotline_line: HotlineLine | null;
  situations: number[];
  description: string;
  child_id: string | null;
  unknown_child: string | null;
  division_code: string;
  address: string | null;
  immediate_danger: boolean;
  reporter: ColumnType<ReporterIdentity, string, string>;
  reporter_user_id: string | null;
  reporter_org_id: string | null;
  knew_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reported_at: ColumnType<Date, Date | string, Date | string>;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  case_id: string | null;
  /** Services the report implied that nobody led in the county when it was routed (0116). */
  matrix_gaps: ColumnType<ServiceCode[], ServiceCode[] | undefined, ServiceCode[]>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ReportRecipientsTable {
  id: Generated<string>;
  report_id: string;
  organisation_id: string;
  role: RecipientRole;
  /** For a `provider` copy: the catalogue service the matrix routed it for (0116); null for a statutory receiver. */
  service: ColumnType<ServiceCode | null, ServiceCode | null | undefined, never>;
  sees_reporter: boolean;
  acknowledged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  acknowledged_by: string | null;
  /** The version: entries in `report_recipient_actions` (0058). */
  seq: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    reports: ReportsTable;
    report_recipients: ReportRecipientsTable;
  }
}
