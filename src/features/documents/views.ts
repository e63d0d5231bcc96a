import type { Kysely, Transaction } from 'kysely';
import type { DocumentView } from '../../contract/documents/views.js';
import type {
  DocumentSubjectType,
  DocumentType,
  LocationOutcome,
  MediaType,
} from '../../contract/documents/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { DocumentsAccess } from './access.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The documents in the child's scope, narrowed to those a referral shared when the access is not `all`. */
function documentsInScope(db: Db, actor: Actor, access: DocumentsAccess = 'all') {
  const query = db
    .selectFrom('child_documents')
    .innerJoin('children', 'children.id', 'child_documents.child_id')
    .leftJoin('organisations', 'organisations.id', 'child_documents.organisation_id')
    .where(childInScope(actor))
    .selectAll('child_documents')
    .select('organisations.name as organisation_name');
  if (access === 'all') return query;
  const ids = [...access.ids];
  const { organisationId } = access;
  return query.where((eb) =>
    eb.or([
      ...(ids.length > 0 ? [eb('child_documents.id', 'in', ids)] : []),
      ...(organisationId ? [eb('child_documents.organisation_id', '=', organisationId)] : []),
      eb.val(false),
    ]),
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof documentsInScope>['executeTakeFirstOrThrow']>>;

const iso = (value: Date | string) => new Date(value).toISOString();

function toView(row: Row): DocumentView {
  return {
    id: row.id,
    childId: row.child_id,
    type: row.document_type as DocumentType,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type as MediaType,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    subject:
      row.subject_type && row.subject_id ? { type: row.subject_type as DocumentSubjectType, id: row.subject_id } : null,
    location: row.location as LocationOutcome,
    uploaded: { name: row.uploaded_by_label, at: iso(row.uploaded_at), organisation: row.organisation_name },
    withdrawn:
      row.withdrawn_at && row.withdrawn_reason
        ? { name: row.withdrawn_by_label ?? '', at: iso(row.withdrawn_at), reason: row.withdrawn_reason }
        : null,
    purged:
      row.purged_at && row.purged_reason
        ? { name: row.purged_by_label ?? '', at: iso(row.purged_at), reason: row.purged_reason }
        : null,
    version: row.version,
  };
}

/** A child's documents the actor may see (the caller checked need-to-know), newest first. */
export async function documentsOfChild(
  db: Db,
  actor: Actor,
  childId: string,
  options: { withdrawn?: boolean; subject?: { type: DocumentSubjectType; id: string }; access?: DocumentsAccess } = {},
): Promise<DocumentView[]> {
  let query = documentsInScope(db, actor, options.access).where('child_documents.child_id', '=', childId);
  if (!options.withdrawn) query = query.where('child_documents.withdrawn_at', 'is', null);
  if (options.subject)
    query = query
      .where('child_documents.subject_type', '=', options.subject.type)
      .where('child_documents.subject_id', '=', options.subject.id);
  const rows = await query.orderBy('child_documents.uploaded_at', 'desc').orderBy('child_documents.id').execute();
  return rows.map(toView);
}

/** One document through the child's scope (and the access, when known); undefined when missing or out of scope. */
export async function documentInScope(
  db: Db,
  actor: Actor,
  id: string,
  access: DocumentsAccess = 'all',
): Promise<DocumentView | undefined> {
  const row = await documentsInScope(db, actor, access).where('child_documents.id', '=', id).executeTakeFirst();
  return row ? toView(row) : undefined;
}
