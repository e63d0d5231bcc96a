import { type Kysely, sql } from 'kysely';

/**
 * Issue 16 "Documents": typed documents on a child's file, optionally of a case, a placement or a
 * home visit. The bytes live in `stored_files` (bytea, as report attachments and ledgers do): one
 * backup, one restore, and the upload is one transaction with its row, timeline entry and audit.
 * A document is withdrawn with a reason (kept); only a purge removes the bytes, and the row stays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE child_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      child_id uuid NOT NULL REFERENCES children(id),
      document_type text NOT NULL,
      title text,
      file_name text NOT NULL,
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      original_sha256 text NOT NULL CHECK (original_sha256 ~ '^[0-9a-f]{64}$'),
      location text NOT NULL CHECK (location IN ('none', 'removed', 'not_checked')),
      stored_file_id uuid REFERENCES stored_files(id),
      subject_type text CHECK (subject_type IN ('case', 'placement', 'visit')),
      subject_id uuid,
      uploaded_by uuid REFERENCES users(id),
      uploaded_by_label text NOT NULL,
      organisation_id uuid REFERENCES organisations(id),
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      withdrawn_by_label text,
      withdrawn_reason text,
      purged_at timestamptz,
      purged_by_label text,
      purged_reason text,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((subject_type IS NULL) = (subject_id IS NULL)),
      CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL)),
      -- Only a withdrawn document is purged, and a purged one has no bytes left.
      CHECK (purged_at IS NULL OR (withdrawn_at IS NOT NULL AND stored_file_id IS NULL)),
      CHECK (purged_at IS NOT NULL OR stored_file_id IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX child_documents_child_idx ON child_documents (child_id, uploaded_at DESC)`.execute(db);
  await sql`CREATE INDEX child_documents_subject_idx ON child_documents (subject_type, subject_id) WHERE subject_id IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE child_documents`.execute(db);
}
