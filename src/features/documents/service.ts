import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  DocumentView,
  PurgeDocumentInput,
  UploadDocumentQuery,
  WithdrawDocumentInput,
} from '../../contract/documents/views.js';
import {
  type DocumentSubjectType,
  documentSubjects,
  documentTypes,
  mediaTypes,
} from '../../contract/documents/vocabulary.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { DomainError, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import { caseChildIn } from '../cases/service.js';
import { placementChildIn, tracingChildIn } from '../placements/service.js';
import { visitChildIn } from '../visits/service.js';
import { requireDocumentsOfChild } from './access.js';
import { judgeContent } from './content.js';
import './error-details.js';
import { removeLocation } from './location.js';
import './messages.js';
import './tables.js';
import { documentInScope, documentsOfChild } from './views.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export interface UploadInput {
  childId: string;
  query: UploadDocumentQuery;
  /** The declared media type (Content-Type), undefined when it declares none. */
  declared: string | undefined;
  content: Buffer;
}

const label = (locale: Locale, entry: { zh: string; en: string }) => (locale === 'en' ? entry.en : entry.zh);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The case, placement, visit or tracing request the document belongs to must exist, be visible and be this child's. */
async function checkSubject(trx: Trx, actor: Actor, childId: string, type: DocumentSubjectType, id: string) {
  const found =
    type === 'case'
      ? await caseChildIn(trx, actor, id)
      : type === 'placement'
        ? await placementChildIn(trx, actor, id)
        : type === 'tracing_request'
          ? await tracingChildIn(trx, actor, id)
          : await visitChildIn(trx, actor, id);
  const name = label(actor.locale, documentSubjects[type]);
  if (!found) throw notFound(name, id);
  if (found.childId !== childId)
    throw new DomainError('documents.subject_other_child', 400, { type: name }, [
      { path: 'querystring.subjectId', code: 'documents.subject_other_child' },
    ]);
}

function refuseContent(locale: Locale, input: UploadInput) {
  const verdict = judgeContent(input.content, input.declared, input.query.type);
  if (verdict.ok) return verdict.mediaType;
  if (verdict.problem === 'unrecognised') throw new DomainError('documents.unrecognised', 415);
  const detected = verdict.detected;
  if (verdict.problem === 'mismatch')
    throw new DomainError(
      'documents.content_mismatch',
      415,
      { detected, declared: verdict.declared },
      { detected, declared: verdict.declared },
    );
  const allowed = verdict.allowed.map((type) => label(locale, mediaTypes[type]));
  throw new DomainError(
    'documents.type_not_allowed',
    415,
    {
      detected: label(locale, mediaTypes[detected]),
      type: label(locale, documentTypes[input.query.type]),
      allowed: allowed.join('、'),
    },
    { detected, type: input.query.type, allowed: [...verdict.allowed] },
  );
}

/**
 * Stores a document on the child's file: judged by its content (415), its location data blanked
 * when it is an image, its sha256 kept, on the child's timeline. Returns its id.
 */
export async function uploadDocumentIn(uow: UnitOfWork, input: UploadInput): Promise<string> {
  const { trx, actor } = uow;
  await requireDocumentsOfChild(trx, actor, input.childId, { lock: true });
  if (input.content.length === 0) throw new DomainError('documents.empty', 400);
  const mediaType = refuseContent(actor.locale, input);
  const { subjectType, subjectId } = input.query;
  if (subjectType && subjectId) await checkSubject(trx, actor, input.childId, subjectType, subjectId);
  else if (subjectType || subjectId)
    throw new DomainError('invalid_input', 400, { count: 1 }, [
      { path: subjectType ? 'querystring.subjectId' : 'querystring.subjectType', code: 'required' },
    ]);
  const stored = Buffer.from(input.content);
  const location = removeLocation(stored, mediaType);
  const digest = sha256(stored);
  const file = await trx
    .insertInto('stored_files')
    .values({
      sha256: digest,
      file_name: input.query.fileName,
      media_type: mediaType,
      size_bytes: stored.length,
      content: stored,
      purpose: 'child-document',
      created_by: actor.userId,
      organisation_id: actor.organisationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('child_documents')
    .values({
      child_id: input.childId,
      document_type: input.query.type,
      title: input.query.title ?? null,
      file_name: input.query.fileName,
      media_type: mediaType,
      size_bytes: stored.length,
      sha256: digest,
      original_sha256: sha256(input.content),
      location,
      stored_file_id: file.id,
      subject_type: subjectType ?? null,
      subject_id: subjectId ?? null,
      uploaded_by: actor.userId,
      uploaded_by_label: actor.label,
      organisation_id: actor.organisationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const facts = {
    type: input.query.type,
    fileName: input.query.fileName,
    mediaType,
    sizeBytes: stored.length,
    sha256: digest,
    location,
    ...(subjectType ? { subjectType, subjectId } : {}),
  };
  await recordTimeline(trx, actor, {
    childId: input.childId,
    kind: 'document.uploaded',
    entityType: 'document',
    entityId: row.id,
    after: facts,
  });
  uow.audit({ entityType: 'document', entityId: row.id, childId: input.childId, details: facts });
  return row.id;
}

async function viewOf(db: Db, actor: Actor, id: string): Promise<DocumentView> {
  const view = await documentInScope(db, actor, id);
  if (!view) throw notFound(translate(actor.locale, 'documents.entity'), id);
  return view;
}

/** Uploads once per Idempotency-Key: a retried upload answers with the document already stored. */
export async function uploadDocument(
  db: Db,
  actor: Actor,
  input: UploadInput,
  key?: string,
): Promise<{ view: DocumentView; replayed: boolean }> {
  const request = {
    childId: input.childId,
    ...input.query,
    declared: input.declared ?? null,
    sha256: sha256(input.content),
  };
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'documents.upload',
    (uow) => uploadDocumentIn(uow, input),
    key ? { key, request } : undefined,
  );
  return { view: await viewOf(db, actor, result), replayed };
}

async function lockedDocument(uow: UnitOfWork, id: string): Promise<DocumentView> {
  const found = await documentInScope(uow.trx, uow.actor, id);
  if (!found) throw notFound(translate(uow.actor.locale, 'documents.entity'), id);
  const { documents } = await requireDocumentsOfChild(uow.trx, uow.actor, found.childId, { lock: true });
  const view = documents === 'all' ? found : await documentInScope(uow.trx, uow.actor, id, documents);
  if (!view) throw notFound(translate(uow.actor.locale, 'documents.entity'), id);
  // A receiver reads what a referral shared; it changes only what its own organisation added.
  if (documents !== 'all') {
    const own = { ids: new Set<string>(), organisationId: uow.actor.organisationId };
    if (!(await documentInScope(uow.trx, uow.actor, id, own))) throw new DomainError('documents.shared_read_only', 403);
  }
  return view;
}

/** Withdraws a document with a reason; it stays in the file's history (withdrawn) and can still be read. */
export async function withdrawDocumentIn(uow: UnitOfWork, id: string, input: WithdrawDocumentInput): Promise<void> {
  const { trx, actor } = uow;
  const view = await lockedDocument(uow, id);
  if (view.withdrawn)
    throw new DomainError('documents.already_withdrawn', 409, { at: view.withdrawn.at }, { at: view.withdrawn.at });
  await updateVersioned(trx, {
    table: 'child_documents',
    entity: translate(actor.locale, 'documents.entity'),
    id,
    expectedVersion: input.version,
    values: { withdrawn_at: new Date(), withdrawn_by_label: actor.label, withdrawn_reason: input.reason },
  });
  await recordTimeline(trx, actor, {
    childId: view.childId,
    kind: 'document.withdrawn',
    entityType: 'document',
    entityId: id,
    reason: input.reason,
    details: { type: view.type, fileName: view.fileName },
  });
  uow.audit({ entityType: 'document', entityId: id, childId: view.childId, details: { reason: input.reason } });
}

export async function withdrawDocument(
  db: Db,
  actor: Actor,
  id: string,
  input: WithdrawDocumentInput,
): Promise<DocumentView> {
  await unitOfWork(db, actor, 'documents.withdraw', (uow) => withdrawDocumentIn(uow, id, input));
  return viewOf(db, actor, id);
}

/** Removes the bytes of a withdrawn document for good (an administrator's act); its record and history stay. */
export async function purgeDocumentIn(uow: UnitOfWork, id: string, input: PurgeDocumentInput): Promise<void> {
  const { trx, actor } = uow;
  const view = await lockedDocument(uow, id);
  if (view.purged) throw new DomainError('documents.purged', 410, { at: view.purged.at }, { at: view.purged.at });
  if (!view.withdrawn) throw new DomainError('documents.not_withdrawn', 409);
  const held = await trx
    .selectFrom('child_documents')
    .where(systemScope('the document read above through childInScope'))
    .select('stored_file_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('child_documents')
    .where(systemScope('the document read above through childInScope'))
    .set({ purged_at: new Date(), purged_by_label: actor.label, purged_reason: input.reason, stored_file_id: null })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  if (held.stored_file_id) await trx.deleteFrom('stored_files').where('id', '=', held.stored_file_id).execute();
  await recordTimeline(trx, actor, {
    childId: view.childId,
    kind: 'document.purged',
    entityType: 'document',
    entityId: id,
    reason: input.reason,
    details: { type: view.type, fileName: view.fileName, sha256: view.sha256 },
  });
  uow.audit({ entityType: 'document', entityId: id, childId: view.childId, details: { reason: input.reason } });
}

export async function purgeDocument(
  db: Db,
  actor: Actor,
  id: string,
  input: PurgeDocumentInput,
): Promise<DocumentView> {
  await unitOfWork(db, actor, 'documents.purge', (uow) => purgeDocumentIn(uow, id, input));
  return viewOf(db, actor, id);
}

/**
 * Of the ids given, those that are documents of the child the actor may see (not withdrawn): what a
 * referral may share. Throws as the list does when the actor may not see the child's documents.
 */
export async function shareableDocumentsIn(
  uow: UnitOfWork,
  childId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const { documents } = await requireDocumentsOfChild(uow.trx, uow.actor, childId);
  const visible = await documentsOfChild(uow.trx, uow.actor, childId, { access: documents });
  const wanted = new Set(ids);
  return new Set(visible.filter((d) => wanted.has(d.id)).map((d) => d.id));
}
