import type { Kysely, Transaction } from 'kysely';
import { sharedDocumentPrefix } from '../../contract/referrals/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { fileAccessOf } from '../../core/scope/participation.js';
import type { Actor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import './messages.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Which of the child's documents the actor may see: `all` (the child's area, a case, a placement),
 * or those a referral named one by one (its grant's `document:<id>` parts) plus the ones the
 * actor's own organisation added.
 */
export type DocumentsAccess = 'all' | { ids: ReadonlySet<string>; organisationId: string | null };

/**
 * Documents have the file's access: the child through `childInScope` (else 404, as for the file),
 * then need-to-know — an organisation that takes part only through a referral that did not share
 * `documents` is refused (403: it sees the child, not its documents); one whose referral shared
 * some documents sees those only.
 */
export async function requireDocumentsOfChild(
  db: Db,
  actor: Actor,
  childId: string,
  options: { lock?: boolean } = {},
): Promise<{ id: string; documents: DocumentsAccess }> {
  let query = db
    .selectFrom('children')
    .select('children.id')
    .where('children.id', '=', childId)
    .where(childInScope(actor));
  if (options.lock) query = query.forUpdate();
  const child = await query.executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'documents.child_entity'), childId);
  const access = await fileAccessOf(db, actor, childId);
  if (access === 'whole') return { id: child.id, documents: 'all' };
  if (!access.has('documents')) throw new DomainError('documents.not_shared', 403);
  const ids = [...access].flatMap((part) =>
    part.startsWith(sharedDocumentPrefix) ? [part.slice(sharedDocumentPrefix.length)] : [],
  );
  return { id: child.id, documents: { ids: new Set(ids), organisationId: actor.organisationId } };
}

/** The same check for a read, with the refusal audited (a read of a child's file is audited either way). */
export async function requireDocumentsForRead(
  db: Kysely<Database>,
  actor: Actor,
  childId: string,
  action: string,
  entity: { type: string; id: string },
): Promise<DocumentsAccess> {
  try {
    return (await requireDocumentsOfChild(db, actor, childId)).documents;
  } catch (error) {
    if (error instanceof DomainError)
      await recordAudit(db, actor, {
        action,
        entityType: entity.type,
        entityId: entity.id,
        outcome: 'denied',
        details: { reason: error.code === 'not_found' ? 'not_found_or_out_of_scope' : error.code },
      });
    throw error;
  }
}
