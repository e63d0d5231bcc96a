import { sql, type Kysely } from 'kysely';
import type { TokenPrincipal } from '../access/actor.js';
import type { Database } from '../db/schema.js';
import { tokenHash } from './tokens.js';

export interface LiveToken {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  jurisdictionCode: string;
  /** The token's scopes, narrowed by every parent's and by its creator's current permissions. */
  permissions: Set<string>;
  principal: TokenPrincipal;
}

interface ChainRow {
  id: string;
  name: string;
  organisation_id: string;
  jurisdiction_code: string;
  scopes: string[];
  expires_at: Date;
  revoked_at: Date | null;
  created_by: string | null;
  can_mint: boolean;
  depth: number;
}

/**
 * A token is live only with its whole chain: itself and every token it was minted from unrevoked
 * and unexpired, and the user answerable for it not disabled. Checked on every use, so a parent's
 * revocation (or a disabled creator) ends the descendants even if a revocation missed a row.
 */
export async function findLiveToken(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<LiveToken | undefined> {
  const { rows } = await sql<ChainRow>`
    WITH RECURSIVE chain AS (
      SELECT id, name, organisation_id, jurisdiction_code, scopes, expires_at, revoked_at, created_by, can_mint, parent_token_id, 0 AS depth
        FROM api_tokens WHERE token_hash = ${tokenHash(token)}
      UNION ALL
      SELECT p.id, p.name, p.organisation_id, p.jurisdiction_code, p.scopes, p.expires_at, p.revoked_at, p.created_by, p.can_mint, p.parent_token_id, c.depth + 1
        FROM api_tokens p JOIN chain c ON p.id = c.parent_token_id
        WHERE c.depth < 64
    )
    SELECT id, name, organisation_id, jurisdiction_code, scopes, expires_at, revoked_at, created_by, can_mint, depth FROM chain ORDER BY depth`.execute(
    db,
  );
  const leaf = rows[0];
  if (!leaf || rows.some((link) => link.revoked_at !== null || new Date(link.expires_at) <= now)) return undefined;

  let permissions = new Set(leaf.scopes);
  for (const parent of rows.slice(1)) permissions = new Set([...permissions].filter((p) => parent.scopes.includes(p)));
  if (leaf.created_by) {
    const creator = await db
      .selectFrom('users')
      .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
      .leftJoin('roles', 'roles.code', 'user_roles.role_code')
      .select(['users.disabled', 'roles.permissions'])
      .where('users.id', '=', leaf.created_by)
      .execute();
    if (creator.length === 0 || creator[0]!.disabled) return undefined;
    const held = new Set(creator.flatMap((row) => row.permissions ?? []));
    permissions = new Set([...permissions].filter((p) => held.has(p)));
  }
  const organisation = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', leaf.organisation_id)
    .executeTakeFirstOrThrow();
  return {
    id: leaf.id,
    name: leaf.name,
    organisationId: leaf.organisation_id,
    organisationName: organisation.name,
    jurisdictionCode: leaf.jurisdiction_code,
    permissions,
    principal: {
      id: leaf.id,
      createdBy: leaf.created_by,
      canMint: leaf.can_mint,
      expiresAt: new Date(Math.min(...rows.map((link) => new Date(link.expires_at).getTime()))),
    },
  };
}
