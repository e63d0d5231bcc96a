import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Database } from '../db/schema.js';
import { auditHash, canonicalJson, genesisHash } from './hash-chain.js';

export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  childId?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

// One lock id for the whole chain: entries get their predecessor's hash in commit order.
const chainLockId = 720_401;

/** Appends entries to the hash chain. Must run inside a transaction (the lock is held to commit). */
export async function appendAudit(trx: Transaction<Database>, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${chainLockId})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? genesisHash;
  const occurredAt = new Date().toISOString();
  const rows = entries.map((entry) => {
    const fields = {
      occurredAt,
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
      details: JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>,
    };
    const hash = auditHash(prevHash, fields);
    const row = {
      occurred_at: occurredAt,
      actor_user_id: fields.actorUserId,
      actor_org_id: fields.actorOrgId,
      actor_label: fields.actorLabel,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      child_id: fields.childId,
      outcome: fields.outcome,
      ip: fields.ip,
      request_id: fields.requestId,
      details: JSON.stringify(fields.details),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await trx.insertInto('audit_log').values(rows).execute();
}

/** Records an event outside any other change (a read, a refused sign-in) in its own transaction. */
export async function recordAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, actor, [entry]));
}
