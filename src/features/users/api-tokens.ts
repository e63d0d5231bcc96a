import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { isPermission } from '../../platform/access/permissions.js';
import { randomToken, tokenHash } from '../../platform/auth/tokens.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { isWithin } from '../../core/places.js';

export interface TokenRequest {
  name: string;
  scopes: string[];
  expiresInDays: number;
  jurisdictionCode?: string;
  /** May the new token mint tokens itself? Only a signed-in person, or a token that may, can say so. */
  canMintTokens?: boolean;
}

/**
 * An integration token belongs to the creator's organisation, sees at most the creator's
 * jurisdiction and can only carry permissions the creator holds. Shown once; stored hashed.
 * Minted by a token, it needs that token's `can_mint`, descends from it (dies with it), carries at
 * most its permissions and expires no later than it (a longer request is shortened: the answer
 * says when it expires).
 */
export async function createApiToken(
  db: Kysely<Database>,
  actor: Actor,
  input: TokenRequest,
): Promise<{ id: string; token: string; expiresAt: string }> {
  if (!actor.organisationId) throw new DomainError('forbidden', 403, { permission: 'tokens.manage' });
  const parent = actor.kind === 'token' ? actor.token : undefined;
  if (actor.kind === 'token' && !parent?.canMint) throw new DomainError('tokens.cannot_mint', 403);
  const unknown = input.scopes.find((scope) => !isPermission(scope));
  if (unknown) throw new DomainError('tokens.unknown_scope', 400, { scope: unknown });
  const beyond = input.scopes.find((scope) => !actor.permissions.has(scope) && !actor.permissions.has('*'));
  if (beyond) throw new DomainError('tokens.scope_not_held', 403, { scope: beyond });
  const jurisdiction = input.jurisdictionCode ?? actor.jurisdiction[0];
  if (!jurisdiction || !actor.jurisdiction.some((code) => isWithin(jurisdiction, code)))
    throw new DomainError('users.outside_your_jurisdiction', 403);
  const token = randomToken('hv_');
  const requested = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const expiresAt = parent && parent.expiresAt < requested ? parent.expiresAt : requested;
  const createdBy = parent ? parent.createdBy : actor.userId;
  const canMint = input.canMintTokens === true;
  const { result } = await unitOfWork(db, actor, 'tokens.create', async ({ trx, audit }) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        name: input.name,
        token_hash: tokenHash(token),
        organisation_id: actor.organisationId!,
        jurisdiction_code: jurisdiction,
        scopes: input.scopes,
        created_by: createdBy,
        expires_at: expiresAt,
        parent_token_id: parent?.id ?? null,
        can_mint: canMint,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    audit({
      entityType: 'api_token',
      entityId: row.id,
      details: {
        name: input.name,
        scopes: input.scopes,
        jurisdiction,
        expiresAt: expiresAt.toISOString(),
        parentTokenId: parent?.id ?? null,
        canMint,
        shortenedToParent: expiresAt !== requested,
      },
    });
    return row.id;
  });
  return { id: result, token, expiresAt: expiresAt.toISOString() };
}

/** Revokes a token and, transitively, every token minted from it. */
export async function revokeApiToken(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'organisation_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.organisation_id !== actor.organisationId) throw notFound('api_token', id);
  await unitOfWork(db, actor, 'tokens.revoke', async ({ trx, audit }) => {
    const revoked = await revokeTokenTrees(trx, sql`SELECT id FROM api_tokens WHERE id = ${id}`);
    audit({ entityType: 'api_token', entityId: id, details: { alsoRevoked: revoked.filter((r) => r !== id) } });
  });
}

/** Every token of a user (disabled or removed), with its descendants. Part of the caller's unit of work. */
export async function revokeTokensOfUserIn(trx: Transaction<Database>, userId: string): Promise<string[]> {
  return revokeTokenTrees(trx, sql`SELECT id FROM api_tokens WHERE created_by = ${userId}`);
}

async function revokeTokenTrees(trx: Transaction<Database>, roots: RawBuilder<unknown>): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE tree AS (
      ${roots}
      UNION
      SELECT t.id FROM api_tokens t JOIN tree ON t.parent_token_id = tree.id
    )
    UPDATE api_tokens SET revoked_at = now() WHERE id IN (SELECT id FROM tree) AND revoked_at IS NULL RETURNING id`.execute(
    trx,
  );
  return rows.map((r) => r.id);
}

export async function listApiTokens(db: Kysely<Database>, actor: Actor) {
  const rows = await db
    .selectFrom('api_tokens')
    .select([
      'id',
      'name',
      'scopes',
      'jurisdiction_code',
      'created_at',
      'expires_at',
      'revoked_at',
      'last_used_at',
      'parent_token_id',
      'can_mint',
    ])
    .where('organisation_id', '=', actor.organisationId ?? '00000000-0000-0000-0000-000000000000')
    .orderBy('created_at', 'desc')
    .execute();
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    jurisdictionCode: r.jurisdiction_code,
    createdAt: iso(r.created_at)!,
    expiresAt: iso(r.expires_at)!,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
    parentTokenId: r.parent_token_id,
    canMintTokens: r.can_mint,
  }));
}
