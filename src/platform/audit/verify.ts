import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { auditHash, genesisHash } from './hash-chain.js';

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBadId: string; reason: 'hash_mismatch' | 'broken_link' };

/** Walks the chain in id order, in pages, and names the first entry whose hash or link is wrong. */
export async function verifyAuditChain(db: Kysely<Database>, onProgress?: (checked: number) => void): Promise<AuditVerification> {
  let prevHash = genesisHash;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (page.length === 0) return { ok: true, entries: checked };
    for (const row of page) {
      if (row.prev_hash !== prevHash) return { ok: false, entries: checked, firstBadId: row.id, reason: 'broken_link' };
      const expected = auditHash(prevHash, {
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
      });
      if (expected !== row.hash) return { ok: false, entries: checked, firstBadId: row.id, reason: 'hash_mismatch' };
      prevHash = row.hash;
      checked += 1;
      afterId = row.id;
    }
    onProgress?.(checked);
  }
}
