import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Actor } from '../access/actor.js';
import { appendAuditAndCommit, type AuditEntry, auditDurable } from '../audit/append.js';
import { canonicalJson } from '../audit/hash-chain.js';
import { DomainError } from '../errors.js';
import { enqueueJob, type JobRequest } from '../jobs/queue.js';
import { availabilityOf, DatabaseLostError } from './availability.js';
import type { Database } from './schema.js';

export interface UnitOfWork {
  trx: Transaction<Database>;
  actor: Actor;
  /** Adds detail to the audit trail of this change (entity, child, before/after…). */
  audit(entry: Omit<AuditEntry, 'action'> & { action?: string }): void;
  /** Queues a job that runs only if this change commits. */
  enqueue(job: JobRequest): Promise<void>;
}

export interface IdempotencyOptions {
  key: string;
  /** The request the key was first used for; the same key with other content is refused. */
  request: unknown;
}

export interface UnitOfWorkResult<T> {
  result: T;
  replayed: boolean;
}

/**
 * The one write path (invariant 1): a transaction that runs the change, writes its audit entries
 * and, with an idempotency key, stores the result so a retried request returns it unchanged.
 */
export async function unitOfWork<T>(
  db: Kysely<Database>,
  actor: Actor,
  action: string,
  fn: (uow: UnitOfWork) => Promise<T>,
  idempotency?: IdempotencyOptions,
): Promise<UnitOfWorkResult<T>> {
  const availability = availabilityOf(db);
  let epoch: number | undefined;
  const outcome = await db.transaction().execute(async (trx): Promise<UnitOfWorkResult<T>> => {
    epoch = availability?.epoch;
    if (idempotency) {
      const replay = await claimIdempotencyKey<T>(trx, actor, idempotency);
      if (replay) return { result: replay.result, replayed: true };
    }
    const entries: AuditEntry[] = [];
    const uow: UnitOfWork = {
      trx,
      actor,
      audit: (entry) => entries.push({ ...entry, action: entry.action ?? action }),
      enqueue: (job) => enqueueJob(trx, job),
    };
    const result = await fn(uow);
    // Last, and sent with the COMMIT: the audit chain's lock (held to COMMIT, shared by every
    // writer) is held only while PostgreSQL appends and commits. The stored answer for the
    // idempotency key goes in the same message (one round trip fewer per change, issue 21).
    await appendAuditAndCommit(
      trx,
      actor,
      entries.length > 0 ? entries : [{ action }],
      idempotency ? storedResult(actor, idempotency.key, result) : undefined,
    );
    return { result, replayed: false };
  });
  // The change committed without waiting for its WAL flush (see insertChained); a replayed result
  // may be another request's that is not flushed yet. Nothing is answered before it is durable.
  await auditDurable(db);
  // The commit did not wait for its WAL flush: if the server was lost in between, the flush may
  // have run on a restarted server that never saw the commit. Then the change is not known to be
  // there, and it is not acknowledged (a retry with the same idempotency key is safe).
  if (availability && availability.epoch !== epoch)
    throw new DatabaseLostError('The database connection was lost before the change was known to be durable.');
  return outcome;
}

/** The idempotency key's answer, as a statement with literals (it travels in a message of several statements). */
function storedResult(actor: Actor, key: string, result: unknown): string {
  const response = pg.escapeLiteral(JSON.stringify(result ?? null));
  return `UPDATE idempotency_keys SET status_code = 200, response = ${response}::jsonb WHERE actor_key = ${pg.escapeLiteral(actorKey(actor))} AND key = ${pg.escapeLiteral(key)}`;
}

/** The claim of an idempotency key, its values escaped by pg's own `escapeLiteral`. */
export function claimStatement(actor: string, key: string, requestHash: string): string {
  const values = [key, actor, requestHash].map((value) => pg.escapeLiteral(value)).join(', ');
  return `INSERT INTO idempotency_keys (key, actor_key, request_hash, response) VALUES (${values}, NULL) ON CONFLICT DO NOTHING RETURNING key`;
}

function actorKey(actor: Actor): string {
  return actor.userId ?? `${actor.kind}:${actor.label}`;
}

async function claimIdempotencyKey<T>(
  trx: Transaction<Database>,
  actor: Actor,
  options: IdempotencyOptions,
): Promise<{ result: T } | undefined> {
  const requestHash = createHash('sha256').update(canonicalJson(options.request)).digest('hex');
  // A concurrent first attempt holds the row lock: this insert waits for it, then sees its result.
  // Literals, not parameters: the transaction's BEGIN rides in the same message (named-statements.ts).
  const actorKeyText = actorKey(actor);
  // A NUL would end a simple-query message's text early: such a key goes as a parameter instead
  // (with BEGIN on its own), and PostgreSQL refuses it as it refuses any text with a NUL.
  const claim = `${options.key}${actorKeyText}`.includes('\u0000')
    ? await sql<{
        key: string;
      }>`INSERT INTO idempotency_keys (key, actor_key, request_hash, response) VALUES (${options.key}, ${actorKeyText}, ${requestHash}, NULL) ON CONFLICT DO NOTHING RETURNING key`.execute(
        trx,
      )
    : await sql.raw<{ key: string }>(claimStatement(actorKeyText, options.key, requestHash)).execute(trx);
  const inserted = claim.rows[0];
  if (inserted) return undefined;
  const existing = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('actor_key', '=', actorKeyText)
    .where('key', '=', options.key)
    .executeTakeFirstOrThrow();
  if (existing.request_hash !== requestHash) throw new DomainError('idempotency_key_reused', 422, { key: options.key });
  if (existing.status_code === null) throw new DomainError('idempotency_in_progress', 409, { key: options.key });
  return { result: existing.response as T };
}
