import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import { availabilityOf, DatabaseLostError } from '../db/availability.js';
import type { Database } from '../db/schema.js';
import { type AuditEntry, insertChainedAndCommit, payload, prepareEntry } from './chain-write.js';
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

/**
 * The argument of `audit_append` (as jsonb text) for entries a caller's own statement appends: a
 * read that writes its entry in the same statement that reads (registry/child-file.ts), so the
 * read is one round trip. The statement commits without waiting for its WAL flush, like every
 * append: the caller MUST await `auditDurable(db)` before it answers.
 */
export function auditAppendArgument(actor: Actor, entries: readonly AuditEntry[]): string {
  return payload(entries.map((entry) => prepareEntry(actor, entry)));
}

/**
 * Runs one statement that appends its own audit entries (with `auditAppendArgument`) and resolves
 * with its result once they are durable, as `unitOfWork` does for a change: the statement commits
 * without waiting for its WAL flush, so nothing of it is answered before the flush, and a server
 * lost in between (the flush then ran on a restarted server) fails the request.
 */
export async function durablyAudited<T>(db: Kysely<Database>, statement: () => Promise<T>): Promise<T> {
  const availability = availabilityOf(db);
  const epoch = availability?.epoch;
  const result = await statement();
  await auditDurable(db);
  if (availability && availability.epoch !== epoch)
    throw new DatabaseLostError('The database connection was lost before the audit entry was known to be durable.');
  return result;
}
