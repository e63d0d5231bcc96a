import { createHash, createHmac } from 'node:crypto';

/** The fields an audit entry's hash covers, in a fixed order. */
export interface HashedAuditFields {
  occurredAt: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  actorLabel: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  childId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

export const genesisHash = '0'.repeat(64);

/** The first rule (migration 0015): plain SHA-256, which anyone can recompute. Entries written before 0022 keep it. */
export function auditHash(prevHash: string, fields: HashedAuditFields): string {
  return createHash('sha256').update(hashedText(prevHash, fields)).digest('hex');
}

/**
 * The keyed rule (migration 0022): HMAC-SHA256 with the audit-chain subkey of the installation key,
 * which the database never stores, so whoever rewrites entries and recomputes the chain without
 * the key produces hashes that do not verify.
 */
export function auditHmac(key: Buffer, prevHash: string, fields: HashedAuditFields): string {
  return createHmac('sha256', key).update(hashedText(prevHash, fields)).digest('hex');
}

/**
 * The key as `audit_append` takes it (per connection, see session-key.ts): HMAC's inner and outer
 * padded keys, so the function needs only `sha256()` and no extension.
 */
export function hmacPads(key: Buffer): string {
  if (key.length > 64) throw new Error('HMAC keys longer than a block are not used here');
  const block = Buffer.alloc(64);
  key.copy(block);
  const inner = Buffer.from(block.map((byte) => byte ^ 0x36));
  const outer = Buffer.from(block.map((byte) => byte ^ 0x5c));
  return `${inner.toString('hex')}${outer.toString('hex')}`;
}

function hashedText(prevHash: string, fields: HashedAuditFields): string {
  return `[${JSON.stringify(prevHash)},${JSON.stringify(fields.occurredAt)},${auditHashTail(fields)}`;
}

/**
 * What the hash covers after the previous hash and the time: `audit_append` (migration 0015)
 * hashes '["' || prev || '","' || time || '",' || tail, the same text as auditHash.
 */
export function auditHashTail(fields: Omit<HashedAuditFields, 'occurredAt'>): string {
  return canonicalJson([
    fields.actorUserId,
    fields.actorOrgId,
    fields.actorLabel,
    fields.action,
    fields.entityType,
    fields.entityId,
    fields.childId,
    fields.outcome,
    fields.ip,
    fields.requestId,
    fields.details,
  ]).slice(1);
}

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
