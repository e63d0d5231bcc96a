import type { Kysely } from 'kysely';
import type { DocumentList } from '../../contract/documents/views.js';
import type { DocumentSubjectType } from '../../contract/documents/vocabulary.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { requireDocumentsForRead } from './access.js';
import './error-details.js';
import './messages.js';
import { documentInScope, documentsOfChild } from './views.js';

type Db = Kysely<Database>;

/** The child's documents (withdrawn ones too when asked), with what the asker may do. Audited like the file. */
export async function listDocuments(
  db: Db,
  actor: Actor,
  childId: string,
  options: { withdrawn?: boolean; subjectType?: DocumentSubjectType; subjectId?: string; maxBytes: number },
): Promise<DocumentList> {
  const access = await requireDocumentsForRead(db, actor, childId, 'documents.list', { type: 'child', id: childId });
  const { subjectType, subjectId } = options;
  const items = await documentsOfChild(db, actor, childId, {
    access,
    withdrawn: options.withdrawn ?? false,
    ...(subjectType && subjectId ? { subject: { type: subjectType, id: subjectId } } : {}),
  });
  await recordAudit(db, actor, { action: 'documents.list', entityType: 'child', entityId: childId, childId });
  return {
    items,
    canUpload: hasPermission(actor, 'documents.upload'),
    canPurge: hasPermission(actor, 'documents.purge'),
    maxBytes: options.maxBytes,
    sharedOnly: access !== 'all',
  };
}

/** The bytes of a document. Every download is an entry of the audit chain, a refused one too. */
export async function downloadDocument(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const found = await documentInScope(db, actor, id);
  const access = found
    ? await requireDocumentsForRead(db, actor, found.childId, 'documents.download', { type: 'document', id })
    : 'all';
  // A document a referral did not share is, to its receiver, as missing as one out of scope.
  const view = found && access !== 'all' ? await documentInScope(db, actor, id, access) : found;
  if (!view) {
    await recordAudit(db, actor, {
      action: 'documents.download',
      entityType: 'document',
      entityId: id,
      outcome: 'denied',
      details: { reason: 'not_found_or_out_of_scope' },
    });
    throw notFound(translate(actor.locale, 'documents.entity'), id);
  }
  if (view.purged) throw new DomainError('documents.purged', 410, { at: view.purged.at }, { at: view.purged.at });
  const file = await db
    .selectFrom('child_documents')
    .innerJoin('stored_files', 'stored_files.id', 'child_documents.stored_file_id')
    .where(systemScope('the document read above through childInScope'))
    .where('child_documents.id', '=', id)
    .where('child_documents.child_id', '=', view.childId)
    .select('stored_files.content')
    .executeTakeFirst();
  if (!file) throw notFound(translate(actor.locale, 'documents.entity'), id);
  await recordAudit(db, actor, {
    action: 'documents.download',
    entityType: 'document',
    entityId: id,
    childId: view.childId,
    details: { type: view.type, sha256: view.sha256, sizeBytes: view.sizeBytes },
  });
  return { fileName: view.fileName, mediaType: view.mediaType, content: file.content };
}
