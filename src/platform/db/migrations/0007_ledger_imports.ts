import { type Kysely, sql } from 'kysely';

/**
 * Ledger imports (台账导入): one row per uploaded file and organisation. The sha256 makes a second
 * upload of the same file return the same batch; `rows_done` is advanced in the same transaction as
 * each committed batch of children, so an interrupted commit resumes exactly where it stopped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ledger_imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      stored_file_id uuid NOT NULL REFERENCES stored_files(id),
      file_sha256 text NOT NULL,
      file_name text NOT NULL,
      format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
      encoding text,
      status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'checked', 'committing', 'committed', 'failed')),
      sheets jsonb NOT NULL DEFAULT '[]',
      sheet text,
      header_row integer,
      mapping jsonb NOT NULL DEFAULT '{}',
      columns jsonb NOT NULL DEFAULT '[]',
      notices jsonb NOT NULL DEFAULT '[]',
      counts jsonb,
      rows_total integer,
      rows_done integer NOT NULL DEFAULT 0,
      created_children integer NOT NULL DEFAULT 0,
      last_error text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      committed_at timestamptz,
      UNIQUE (organisation_id, file_sha256)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE ledger_imports`.execute(db);
}
