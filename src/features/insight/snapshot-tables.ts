import type { ColumnType } from 'kysely';

/** 0075: the insight read model (one count per month, indicator and division) and its months. */
export interface InsightSnapshotsTable {
  month: ColumnType<string, string, string>;
  indicator: string;
  division_code: string;
  value: ColumnType<string, number | bigint, number | bigint>;
}

/** 0105: the same counts summed per division at each level above the village (written with the month). */
export interface InsightSnapshotTotalsTable {
  month: ColumnType<string, string, string>;
  level: 'province' | 'city' | 'county' | 'township';
  division_code: string;
  indicator: string;
  value: ColumnType<string, number | bigint, number | bigint>;
}

export interface InsightSnapshotMonthsTable {
  month: ColumnType<string, string, string>;
  as_of: Date;
  final: boolean;
  computed_at: ColumnType<Date, Date | undefined, Date>;
  /** 0186: the change marks since `as_of` are complete, so the next run may recount only the marked divisions. */
  marked: ColumnType<boolean, boolean | undefined, boolean>;
}

/** 0186: a division whose running-month counts a write may have moved (append-only, no key). */
export interface InsightSnapshotMarksTable {
  division_code: string;
  marked_at: ColumnType<Date, Date | undefined, never>;
}

export interface InsightReportsTable {
  id: ColumnType<string, string | undefined, never>;
  division_code: string;
  month: ColumnType<string, string, never>;
  generated_at: Date;
  generated_by: string;
  file: Buffer;
  sha256: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    insight_snapshots: InsightSnapshotsTable;
    insight_snapshot_totals: InsightSnapshotTotalsTable;
    insight_snapshot_months: InsightSnapshotMonthsTable;
    insight_snapshot_marks: InsightSnapshotMarksTable;
    insight_reports: InsightReportsTable;
  }
}
