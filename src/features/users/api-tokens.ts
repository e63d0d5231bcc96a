import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { isPermission } from '../../platform/access/permissions.js';
import { randomToken, tokenHash } from '../../platform/auth/tokens.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { isWithin } from '../divisions/rules.js';

export interface TokenRequest {
  name: string;
  scopes: string[];
  expiresInDays: number;
  jurisdictionCode?: string;
}

/**
 * An integration token belongs to the creator's organisation, sees at most the creator's
 * jurisdiction and can only carry permissions the creator holds. Shown once; stored hashed.
 */
export async function createApiToken(db: Kysely<Database>, actor: Actor, input: TokenRequest): Promise<{ id: string; token: string; expiresAt: string }> {
  if (!actor.organisationId) throw new DomainError('forbidden', 403, { permission: 'tokens.manage' });
  const unknown = input.scopes.find((scope) => !isPermission(scope));
  if (unknown) throw new DomainError('tokens.unknown_scope', 400, { scope: unknown });
  const beyond = input.scopes.find((scope) => !actor.permissions.has(scope) && !actor.permissions.has('*'));
  if (beyond) throw new DomainError('tokens.scope_not_held', 403, { scope: beyond });
  const jurisdiction = input.jurisdictionCode ?? actor.jurisdiction[0];
  if (!jurisdiction || !actor.jurisdiction.some((code) => isWithin(jurisdiction, code))) throw new DomainError('users.outside_your_jurisdiction', 403);
  const token = randomToken('hv_');
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const { result } = await unitOfWork(db, actor, 'tokens.create', async ({ trx, audit }) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ name: input.name, token_hash: tokenHash(token), organisation_id: actor.organisationId!, jurisdiction_code: jurisdiction, scopes: input.scopes, created_by: actor.userId, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    audit({ entityType: 'api_token', entityId: row.id, details: { name: input.name, scopes: input.scopes, jurisdiction, expiresAt: expiresAt.toISOString() } });
    return row.id;
  });
  return { id: result, token, expiresAt: expiresAt.toISOString() };
}

export async function revokeApiToken(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const row = await db.selectFrom('api_tokens').select(['id', 'organisation_id']).where('id', '=', id).executeTakeFirst();
  if (!row || row.organisation_id !== actor.organisationId) throw notFound('api_token', id);
  await unitOfWork(db, actor, 'tokens.revoke', async ({ trx, audit }) => {
    await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    audit({ entityType: 'api_token', entityId: id });
  });
}

export async function listApiTokens(db: Kysely<Database>, actor: Actor) {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'jurisdiction_code', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('organisation_id', '=', actor.organisationId ?? '00000000-0000-0000-0000-000000000000')
    .orderBy('created_at', 'desc')
    .execute();
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return rows.map((r) => ({ id: r.id, name: r.name, scopes: r.scopes, jurisdictionCode: r.jurisdiction_code, createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at)!, revokedAt: iso(r.revoked_at), lastUsedAt: iso(r.last_used_at) }));
}
