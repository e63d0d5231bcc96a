import type { ColumnType, Generated } from 'kysely';

export interface StoredFilesTable {
  id: Generated<string>;
  sha256: string;
  file_name: string;
  /** Detected from the content, never taken from the name or the browser. */
  media_type: string;
  size_bytes: number;
  content: Buffer;
  /** What the file is for: 'ledger-import', 'report-attachment', … */
  purpose: string;
  created_by: string | null;
  organisation_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

declare module '../db/schema.js' {
  interface Database {
    stored_files: StoredFilesTable;
  }
}
