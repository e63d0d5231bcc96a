import type { Kysely } from 'kysely';
import { systemActor } from '../access/actor.js';
import type { Database } from '../db/schema.js';
import { derivedKey } from '../secrets/installation-key.js';
import { recordAudit } from './append.js';
import { auditHmac } from './hash-chain.js';

/**
 * When migration 0022 has just been applied (and only then: blessing an unkeyed chain whenever one
 * is found would bless a chain rewritten by someone without the key), appends one keyed entry if
 * the chain ends in entries of the old SHA-256 rule: `haven audit verify` accepts those only when
 * a keyed entry follows them, so the chain verifies from the upgrade on.
 */
export async function sealLegacyAuditChain(db: Kysely<Database>): Promise<boolean> {
  const last = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last) return false;
  const keyed =
    auditHmac(derivedKey('audit-chain'), last.prev_hash, {
      occurredAt: new Date(last.occurred_at).toISOString(),
      actorUserId: last.actor_user_id,
      actorOrgId: last.actor_org_id,
      actorLabel: last.actor_label,
      action: last.action,
      entityType: last.entity_type,
      entityId: last.entity_id,
      childId: last.child_id,
      outcome: last.outcome,
      ip: last.ip,
      requestId: last.request_id,
      details: last.details,
    }) === last.hash;
  if (keyed) return false;
  await recordAudit(db, systemActor('startup'), { action: 'audit.chain_keyed', details: { unkeyedUpTo: last.id } });
  return true;
}
