import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import '../../platform/files/tables.js';
import type { AttachmentInput } from './model.js';
import { detectAttachmentType } from './rules.js';

/** Checks every file first (count, size, type by content), then stores them; nothing half-written. */
export async function storeAttachments(
  trx: Transaction<Database>,
  actor: Actor,
  files: readonly AttachmentInput[],
  limits: { attachmentMaxBytes: number; attachmentMaxCount: number },
): Promise<string[]> {
  if (files.length > limits.attachmentMaxCount)
    throw new DomainError('reports.attachment_count', 400, { count: files.length, max: limits.attachmentMaxCount });
  const checked = files.map((file, index) => {
    const bytes = Buffer.from(file.contentBase64, 'base64');
    if (bytes.length > limits.attachmentMaxBytes) {
      throw new DomainError(
        'reports.attachment_too_large',
        413,
        { name: file.fileName, size: bytes.length, max: limits.attachmentMaxBytes },
        [{ path: `body.attachments.${index}`, code: 'reports.attachment_too_large' }],
      );
    }
    const mediaType = detectAttachmentType(bytes);
    if (!mediaType)
      throw new DomainError('reports.attachment_type', 415, { name: file.fileName }, [
        { path: `body.attachments.${index}`, code: 'reports.attachment_type' },
      ]);
    return { file, bytes, mediaType };
  });
  const ids: string[] = [];
  for (const { file, bytes, mediaType } of checked) {
    const row = await trx
      .insertInto('stored_files')
      .values({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        file_name: file.fileName,
        media_type: mediaType,
        size_bytes: bytes.length,
        content: bytes,
        purpose: 'report-attachment',
        created_by: actor.userId,
        organisation_id: actor.organisationId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}
