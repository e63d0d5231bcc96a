import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Database } from '../db/schema.js';
import { type AuditEntry, insertChainedAndCommit, prepareEntry } from './chain-write.js';
import { auditAppenderFor } from './group-commit.js';
import { walFlusherFor } from './wal-flush.js';

export type { AuditEntry } from './chain-write.js';

/**
 * Records an event outside any other change (a read, a refused sign-in). Resolves once the entry
 * is committed and on disk (batched with concurrent ones); rejects when it could not be, so the
 * caller fails instead of going on unaudited.
 */
export async function recordAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await auditAppenderFor(db).append(prepareEntry(actor, entry));
}

/**
 * Appends a change's entries and commits the change with them (see `insertChainedAndCommit`): the
 * last thing a transaction does. The caller must await `auditDurable(db)` afterwards. `before`: a
 * last statement of the change with its values as escaped literals, sent in the same message.
 */
export async function appendAuditAndCommit(
  trx: Transaction<Database>,
  actor: Actor,
  entries: readonly AuditEntry[],
  before?: string,
): Promise<void> {
  await insertChainedAndCommit(
    trx,
    entries.map((entry) => prepareEntry(actor, entry)),
    before,
  );
}

/** Resolves once every audited change this process committed so far is on disk. */
export function auditDurable(db: Kysely<Database>): Promise<void> {
  return walFlusherFor(db).durable();
}
