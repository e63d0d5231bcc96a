import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Actor } from '../access/actor.js';
import { endsWithCommit } from '../db/named-statements.js';
import type { Database } from '../db/schema.js';
import { auditHashTail, canonicalJson, type HashedAuditFields } from './hash-chain.js';

export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  childId?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

/** An entry as the chain function `audit_append` (migration 0015) takes it. */
export interface PreparedEntry extends Omit<HashedAuditFields, 'occurredAt'> {
  /** The entry's canonical JSON after the previous hash and the time: what the hash covers, less those two. */
  tail: string;
}

export function prepareEntry(actor: Actor, entry: AuditEntry): PreparedEntry {
  const fields = {
    actorUserId: actor.userId,
    actorOrgId: actor.organisationId,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    childId: entry.childId ?? null,
    outcome: entry.outcome ?? 'ok',
    ip: actor.ip,
    requestId: actor.requestId,
    // The stored jsonb round-trips to these canonical values, so the hash verifies later.
    details: JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>,
  };
  return { ...fields, tail: auditHashTail(fields) };
}

/**
 * Appends prepared entries to the hash chain in order, in one call of `audit_append`: it takes
 * the chain lock, reads the last hash, and inserts the entries with their hashes. Inside a
 * transaction the lock is held to COMMIT, so the next appender (in any process) reads this
 * batch's last hash only once it is committed; outside one the statement is its own transaction.
 *
 * Every appender in every process waits for this lock, so the transaction commits without waiting
 * for its WAL flush (`synchronous_commit = off`), which would otherwise hold the lock for a disk
 * write each. The caller MUST then wait for `walFlusherFor(db).durable()` before it answers or
 * goes on: only then is the change and its entry durable. A crash before that loses only the
 * latest commits, in WAL order, so the chain left behind is whole and verifies.
 */
export async function insertChained(db: Kysely<Database>, entries: readonly PreparedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`SELECT audit_append(${payload(entries)}::jsonb)`.execute(db);
}

/** The entries as `audit_append` reads them, stamped with the application's clock now. */
function payload(entries: readonly PreparedEntry[]): string {
  const occurredAt = new Date().toISOString();
  return JSON.stringify(entries.map((entry) => ({ ...entry, occurredAt })));
}

/**
 * `insertChained` as the last statement of a transaction, sent with its COMMIT in one message, so
 * the chain lock is held only while PostgreSQL works, never while a busy event loop gets round to
 * sending COMMIT. The caller's own COMMIT is then answered by the pool without a round trip
 * (`endsWithCommit`; before issue 21 an empty transaction was begun for it to close). Nothing may
 * run on `trx` after this: it would not be part of the change.
 */
export async function insertChainedAndCommit(
  trx: Transaction<Database>,
  entries: readonly PreparedEntry[],
  before?: string,
): Promise<void> {
  // A message of several statements takes no parameters: the entries go in as one escaped literal.
  if (entries.length === 0) return;
  // `before`: the change's own last statement (literals escaped), sent in the same message so it costs
  // no round trip of its own; it runs before the append takes the chain lock.
  const first = before ? `${before}; ` : '';
  await sql
    .raw(`${first}SELECT audit_append(${pg.escapeLiteral(payload(entries))}::jsonb)${endsWithCommit}`)
    .execute(trx);
}
