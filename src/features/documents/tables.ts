import type { ColumnType, Generated } from 'kysely';
import '../../platform/files/tables.js';

export interface ChildDocumentsTable {
  id: Generated<string>;
  child_id: string;
  document_type: string;
  title: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  /** Of the bytes stored (after location data was blanked). */
  sha256: string;
  /** Of the bytes uploaded: the same upload is recognised by it. */
  original_sha256: string;
  location: string;
  /** The bytes (`stored_files`); null once purged. */
  stored_file_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  uploaded_by: string | null;
  uploaded_by_label: string;
  organisation_id: string | null;
  uploaded_at: ColumnType<Date, Date | string | undefined, never>;
  withdrawn_at: ColumnType<Date | null, never, Date | string | null>;
  withdrawn_by_label: string | null;
  withdrawn_reason: string | null;
  purged_at: ColumnType<Date | null, never, Date | string | null>;
  purged_by_label: string | null;
  purged_reason: string | null;
  version: ColumnType<number, never, number>;
  updated_at: ColumnType<Date, never, Date | string>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    child_documents: ChildDocumentsTable;
  }
}
