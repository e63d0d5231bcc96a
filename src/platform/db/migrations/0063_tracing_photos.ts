import { type Kysely, sql } from 'kysely';

/**
 * Issue 16 "Tracing and the way home": a tracing request's photos are documents on the child's file
 * owned by the request (`subject_type = 'tracing_request'`), so they follow the file's access and
 * have their location data removed like every photo.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE child_documents DROP CONSTRAINT child_documents_subject_type_check`.execute(db);
  await sql`ALTER TABLE child_documents ADD CONSTRAINT child_documents_subject_type_check
    CHECK (subject_type IN ('case', 'placement', 'visit', 'tracing_request'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM child_documents WHERE subject_type = 'tracing_request'`.execute(db);
  await sql`ALTER TABLE child_documents DROP CONSTRAINT child_documents_subject_type_check`.execute(db);
  await sql`ALTER TABLE child_documents ADD CONSTRAINT child_documents_subject_type_check
    CHECK (subject_type IN ('case', 'placement', 'visit'))`.execute(db);
}
