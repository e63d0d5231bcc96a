import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { type AuditEntry, auditAppendArgument, durablyAudited } from '../../platform/audit/append.js';
import { executeNamed } from '../../platform/db/named-statements.js';
import type { Database } from '../../platform/db/schema.js';
import {
  type FileAccess,
  type FileAccessRow,
  fileAccessColumn,
  fileAccessFrom,
} from '../../core/scope/participation.js';
import { type FileParts, type FileRow, fileInScopeQuery, filePartsOf } from './file-store.js';

type Db = Kysely<Database>;

/**
 * Opening a child's file in one round trip (issue 21): one named prepared statement reads the file
 * through the actor's scope with what of it the actor may see, then appends the read's audit entry
 * to the hash chain — `found` when the scope let the child through, `refused` otherwise — after the
 * file's parts, so the chain's lock is held only for the append and its COMMIT. Nothing is returned
 * before the entry is durable (`durablyAudited`); when the append fails the statement fails and no
 * part of the file leaves the database. Refused: undefined (the statement returns no file columns).
 */
export async function readFileAudited(
  db: Db,
  actor: Actor,
  id: string,
  today: string,
  audit: { found: AuditEntry; refused: AuditEntry },
): Promise<{ parts: FileParts; access: FileAccess } | undefined> {
  const file = fileInScopeQuery(db, actor, id).select(fileAccessColumn(actor).as('file_access'));
  const found = auditAppendArgument(actor, [audit.found]);
  const refused = auditAppendArgument(actor, [audit.refused]);
  // The file is materialised before the append asks whether it exists: the lock comes last.
  const statement = sql<Partial<FileRow & { file_access: FileAccessRow }>>`
    WITH file AS MATERIALIZED (${file}),
    audited AS MATERIALIZED (
      SELECT audit_append(CASE WHEN EXISTS (SELECT 1 FROM file) THEN ${found}::jsonb ELSE ${refused}::jsonb END) AS done
    )
    SELECT file.* FROM audited LEFT JOIN file ON true`.compile(db);
  const result = await durablyAudited(db, () => executeNamed(db, 'child_file_read', statement));
  const row = result.rows[0];
  if (!row?.id) return undefined;
  const { file_access: access, ...rest } = row as FileRow & { file_access: FileAccessRow };
  return { parts: filePartsOf(rest, today), access: fileAccessFrom(access) };
}
