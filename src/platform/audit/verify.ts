import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { derivedKey } from '../secrets/installation-key.js';
import type { AuditCheckpoint } from './checkpoint.js';
import { auditHash, auditHmac, genesisHash, type HashedAuditFields } from './hash-chain.js';

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBadId: string; reason: 'hash_mismatch' | 'broken_link' | 'unkeyed' }
  | { ok: false; entries: number; reason: 'checkpoint_missing' | 'checkpoint_mismatch'; checkpoint: AuditCheckpoint };

export interface VerifyOptions {
  /** The audit-chain key (default: derived from the installation key in use). */
  key?: Buffer;
  /** Checkpoints kept outside the database (`haven audit checkpoint`): each must still be in the chain, unchanged. */
  checkpoints?: readonly AuditCheckpoint[];
  onProgress?: (checked: number) => void;
}

/**
 * Walks the chain in id order, in pages, and names the first entry whose hash or link is wrong.
 *
 * Entries hashed with plain SHA-256 (before migration 0022) are accepted only before the first
 * keyed one, and only when a keyed entry follows them: a chain of nothing but SHA-256 hashes is
 * exactly what someone without the key produces by rewriting it, so it does not verify. Then each
 * checkpoint must match: its head entry present, with the same hash and the same number of
 * entries up to it (an entry gone = deletion; another hash = rewrite).
 */
export async function verifyAuditChain(db: Kysely<Database>, options: VerifyOptions = {}): Promise<AuditVerification> {
  const key = options.key ?? derivedKey('audit-chain');
  const byHead = new Map<string, AuditCheckpoint[]>();
  for (const checkpoint of options.checkpoints ?? []) {
    if (checkpoint.headId === null) continue;
    byHead.set(checkpoint.headId, [...(byHead.get(checkpoint.headId) ?? []), checkpoint]);
  }
  let prevHash = genesisHash;
  let afterId = '0';
  let checked = 0;
  let keyed = false;
  let firstUnkeyedId: string | undefined;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (page.length === 0) break;
    for (const row of page) {
      if (row.prev_hash !== prevHash) return { ok: false, entries: checked, firstBadId: row.id, reason: 'broken_link' };
      const fields: HashedAuditFields = {
        occurredAt: new Date(row.occurred_at).toISOString(),
        actorUserId: row.actor_user_id,
        actorOrgId: row.actor_org_id,
        actorLabel: row.actor_label,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        childId: row.child_id,
        outcome: row.outcome,
        ip: row.ip,
        requestId: row.request_id,
        details: row.details,
      };
      if (auditHmac(key, prevHash, fields) === row.hash) keyed = true;
      else if (!keyed && auditHash(prevHash, fields) === row.hash) firstUnkeyedId ??= row.id;
      else return { ok: false, entries: checked, firstBadId: row.id, reason: 'hash_mismatch' };
      prevHash = row.hash;
      checked += 1;
      afterId = row.id;
      for (const checkpoint of byHead.get(row.id) ?? []) {
        if (checkpoint.headHash !== row.hash || checkpoint.entries !== checked)
          return { ok: false, entries: checked, reason: 'checkpoint_mismatch', checkpoint };
        byHead.delete(row.id);
      }
    }
    options.onProgress?.(checked);
  }
  if (!keyed && firstUnkeyedId !== undefined)
    return { ok: false, entries: 0, firstBadId: firstUnkeyedId, reason: 'unkeyed' };
  const missing = [...byHead.values()].flat().sort((a, b) => a.entries - b.entries)[0];
  if (missing) return { ok: false, entries: checked, reason: 'checkpoint_missing', checkpoint: missing };
  return { ok: true, entries: checked };
}

/** The result in one sentence for an operator. */
export function describeVerification(result: AuditVerification): string {
  if (result.ok) return `The audit log is intact: ${result.entries} entries verified.`;
  switch (result.reason) {
    case 'hash_mismatch':
      return `The audit log was altered: entry ${result.firstBadId} does not match its hash (${result.entries} entries before it are intact).`;
    case 'broken_link':
      return `The audit log was altered: entry ${result.firstBadId} does not link to the entry before it (${result.entries} entries before it are intact).`;
    case 'unkeyed':
      return `The audit log cannot be trusted: no entry carries a hash made with this installation's key (from entry ${result.firstBadId} on, all are plain SHA-256), so the chain may have been recomputed by someone without the key. If this database was never started by this Haven version, start it once; otherwise check HAVEN_SECRET_KEY / installation.key.`;
    case 'checkpoint_missing':
      return `Audit entries were deleted: the checkpoint of ${result.checkpoint.at} recorded ${result.checkpoint.entries} entries up to entry ${result.checkpoint.headId}, which is no longer in the log (${result.entries} entries are there now).`;
    case 'checkpoint_mismatch':
      return `The audit log was rewritten: it no longer matches the checkpoint of ${result.checkpoint.at} (entry ${result.checkpoint.headId}, ${result.checkpoint.entries} entries, hash ${result.checkpoint.headHash.slice(0, 16)}…).`;
  }
}
