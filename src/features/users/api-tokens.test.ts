import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { systemActor } from '../../platform/access/actor.js';
import { randomToken, tokenHash } from '../../platform/auth/tokens.js';
import { setUserLocked } from './service.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);
let admin: ApiSession;
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  await make.cast('admin', 'officer.city');
  admin = await signInAs(server.url, 'admin');
});
afterAll(async () => server.close());

interface Minted {
  id: string;
  token: string;
  expiresAt: string;
}

const withToken = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function mintBySession(body: Record<string, unknown>): Promise<Minted> {
  const response = await admin.request('POST', '/api/tokens', {
    scopes: ['tokens.manage', 'users.read'],
    expiresInDays: 1,
    ...body,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Minted;
}

async function mintByToken(parent: string, body: Record<string, unknown>): Promise<Response> {
  return withToken(parent, 'POST', '/api/tokens', {
    scopes: ['tokens.manage', 'users.read'],
    expiresInDays: 1,
    ...body,
  });
}

describe('API tokens minting tokens (issue 12, item 10)', () => {
  it('a token cannot mint tokens unless a signed-in person allowed it to', async () => {
    const plain = await mintBySession({ name: 'plain' });
    const refused = await mintByToken(plain.token, { name: 'child-of-plain' });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('tokens.cannot_mint');
    const mayMint = await mintBySession({ name: 'may-mint', canMintTokens: true });
    expect((await mintByToken(mayMint.token, { name: 'child-of-may-mint' })).status).toBe(201);
  });

  it('a minted token neither outlives nor out-scopes its parent', async () => {
    const parent = await mintBySession({ name: 'one-day', canMintTokens: true });
    const long = await mintByToken(parent.token, { name: 'wants-a-year', expiresInDays: 366 });
    expect(long.status).toBe(201);
    const child = (await long.json()) as Minted;
    expect(new Date(child.expiresAt).getTime()).toBeLessThanOrEqual(new Date(parent.expiresAt).getTime());
    const stored = await server.database.db
      .selectFrom('api_tokens')
      .select('expires_at')
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(new Date(stored.expires_at).getTime()).toBeLessThanOrEqual(new Date(parent.expiresAt).getTime());
    // The administrator holds organisations.manage; the parent token does not.
    const wider = await mintByToken(parent.token, { name: 'wider', scopes: ['users.read', 'organisations.manage'] });
    expect(wider.status).toBe(403);
    expect((await errorOf(wider)).code).toBe('tokens.scope_not_held');
  });

  it('revoking a token revokes every token minted from it, transitively', async () => {
    const root = await mintBySession({ name: 'root', canMintTokens: true });
    const child = (await (await mintByToken(root.token, { name: 'child', canMintTokens: true })).json()) as Minted;
    const grandchild = (await (await mintByToken(child.token, { name: 'grandchild' })).json()) as Minted;
    expect((await withToken(grandchild.token, 'GET', '/api/users')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/tokens/${root.id}`)).status).toBe(204);
    expect((await withToken(child.token, 'GET', '/api/users')).status).toBe(401);
    expect((await withToken(grandchild.token, 'GET', '/api/users')).status).toBe(401);
    const listed = (await (await admin.request('GET', '/api/tokens')).json()) as {
      id: string;
      revokedAt: string | null;
      parentTokenId: string | null;
    }[];
    expect(listed.find((t) => t.id === grandchild.id)).toMatchObject({
      parentTokenId: child.id,
      revokedAt: expect.any(String),
    });
  });

  it('checks the whole chain on use: a revoked or expired ancestor ends its descendants', async () => {
    const root = await mintBySession({ name: 'root-2', canMintTokens: true });
    const child = (await (await mintByToken(root.token, { name: 'child-2' })).json()) as Minted;
    expect((await withToken(child.token, 'GET', '/api/users')).status).toBe(200);
    await server.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', root.id)
      .execute();
    expect((await withToken(child.token, 'GET', '/api/users')).status).toBe(401);
  });

  it('tokens die with the user who minted them, and cannot carry more than that user still holds', async () => {
    const root = await mintBySession({ name: 'root-3', canMintTokens: true });
    const child = (await (await mintByToken(root.token, { name: 'child-3' })).json()) as Minted;

    // A token recorded for the city officer, with a permission the officer does not hold.
    const officer = await server.database.db
      .selectFrom('users')
      .select(['id', 'organisation_id'])
      .where('username', '=', 'officer.city')
      .executeTakeFirstOrThrow();
    const secret = randomToken('hv_');
    await server.database.db
      .insertInto('api_tokens')
      .values({
        name: 'officer-token',
        token_hash: tokenHash(secret),
        organisation_id: officer.organisation_id,
        jurisdiction_code: '421000000000',
        scopes: ['users.read', 'tokens.manage'],
        created_by: officer.id,
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute();
    expect((await withToken(secret, 'GET', '/api/users')).status).toBe(200);
    expect((await withToken(secret, 'GET', '/api/tokens')).status).toBe(403);

    const adminUser = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    await setUserLocked(server.database.db, systemActor('test'), adminUser.id, true);
    expect((await withToken(root.token, 'GET', '/api/users')).status).toBe(401);
    expect((await withToken(child.token, 'GET', '/api/users')).status).toBe(401);
    const revoked = await server.database.db
      .selectFrom('api_tokens')
      .select(['id', 'revoked_at'])
      .where('id', 'in', [root.id, child.id])
      .execute();
    expect(revoked.every((t) => t.revoked_at !== null)).toBe(true);
  });
});
