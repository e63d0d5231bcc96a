import type { ColumnType, Generated } from 'kysely';
import type {
  ImportCounts,
  ImportNotice,
  LedgerColumn,
  LedgerMapping,
  SheetSummary,
} from '../../../contract/registry/ledger.js';

type Json<T> = ColumnType<T, string | undefined, string>;

export const importStatuses = ['uploaded', 'checked', 'committing', 'committed', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export interface LedgerImportsTable {
  id: Generated<string>;
  organisation_id: string;
  stored_file_id: string;
  file_sha256: string;
  file_name: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  sheets: Json<SheetSummary[]>;
  sheet: string | null;
  header_row: number | null;
  mapping: Json<LedgerMapping>;
  columns: Json<LedgerColumn[]>;
  notices: Json<ImportNotice[]>;
  counts: Json<ImportCounts | null> | null;
  rows_total: number | null;
  rows_done: ColumnType<number, number | undefined, number>;
  created_children: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  committed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    ledger_imports: LedgerImportsTable;
  }
}
