import { createHash } from 'node:crypto';

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

export function auditHash(prevHash: string, fields: HashedAuditFields): string {
  return createHash('sha256').update(`[${JSON.stringify(prevHash)},${JSON.stringify(fields.occurredAt)},${auditHashTail(fields)}`).digest('hex');
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
