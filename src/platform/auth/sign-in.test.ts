import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type RosterName, totpCodeOf } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { eventually } from '../../../test/support/eventually.js';
import { errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo); each has their own password.
const signInAs = (url: string, name: string) => make.signInAs(url, name);
const passwordOf = async (name: RosterName) => (await make.as(name)).password;
beforeAll(async () => {
  server = await startTestServer({ config: { lockoutThreshold: 3 } });
  make = factories(server.database.db);
  await make.cast('officer.city', 'charity');
  await make.onboard(server.url, 'director.nongli');
  await make.organisationNamed('shakouVillage');
  await make.organisationNamed('chenlongVillage');
  for (const name of ['张浩然', '王梓涵']) await make.child({ name, residenceCode: places.shakou });
  await make.child({ residenceCode: places.chenlong });
});
afterAll(async () => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function auditActions(filter: string) {
  return server.database.db
    .selectFrom('audit_log')
    .select(['action', 'outcome', 'details'])
    .where('action', 'like', filter)
    .orderBy('id')
    .execute();
}

describe('signing in', () => {
  it('gives one generic message for an unknown user and a wrong password, and audits the reasons', async () => {
    const unknown = await post('/api/auth/login', { username: 'nobody', password: 'whatever-123' });
    const wrong = await post('/api/auth/login', { username: 'officer.city', password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await errorOf(unknown)).toEqual(await errorOf(wrong));
    const entries = await auditActions('auth.sign_in');
    expect(entries.map((e) => (e.details as { reason?: string }).reason)).toEqual(
      expect.arrayContaining(['unknown_user', 'wrong_password']),
    );
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    for (let i = 0; i < 3; i += 1) await post('/api/auth/login', { username: 'charity', password: 'wrong-password' });
    const right = await post('/api/auth/login', { username: 'charity', password: await passwordOf('charity') });
    expect(right.status).toBe(401);
    expect((await auditActions('auth.account_locked')).length).toBe(1);
  });

  it('asks for the second factor before any child data, and refuses a replayed code', async () => {
    const login = await post('/api/auth/login', {
      username: 'director.nongli',
      password: await passwordOf('director.nongli'),
    });
    expect((await login.json()) as object).toMatchObject({ needs: 'totp' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const early = await fetch(`${server.url}/api/children`, { headers: { cookie } });
    expect(early.status).toBe(401);
    expect((await errorOf(early)).code).toBe('sign_in_incomplete');
    const session = await signInAs(server.url, 'director.nongli');
    expect((await session.request('GET', '/api/children')).status).toBe(200);
    const code = await totpCodeOf(await make.as('director.nongli'));
    const again = await post('/api/auth/login', {
      username: 'director.nongli',
      password: await passwordOf('director.nongli'),
    });
    const againCookie = (again.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await again.json()) as { csrfToken: string };
    const replay = await post('/api/auth/totp', { code }, { cookie: againCookie, 'x-csrf-token': csrfToken });
    expect(replay.status).toBe(401);
    expect((await errorOf(replay)).code).toBe('totp_invalid');
  });

  it('refuses a change without the CSRF token, a forged cookie and an idle session', async () => {
    const session = await signInAs(server.url, 'officer.city');
    const noCsrf = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: session.cookie },
    });
    expect(noCsrf.status).toBe(403);
    const forged = await fetch(`${server.url}/api/children`, { headers: { cookie: 'haven_session=forged-value' } });
    expect(forged.status).toBe(401);
    await sql`UPDATE sessions SET last_seen_at = now() - interval '2 hours'`.execute(server.database.db);
    // Written behind the server's back: it hears of it by notice (session-cache.ts), not within this statement.
    expect(await eventually(async () => (await session.request('GET', '/api/children')).status === 401)).toBe(true);
  });

  it('ends every session when signing out everywhere', async () => {
    const first = await signInAs(server.url, 'officer.gongan');
    const second = await signInAs(server.url, 'officer.gongan');
    const me = await (await second.request('GET', '/api/auth/me')).json();
    expect(await (await second.request('GET', '/api/auth/session')).json()).toEqual({ me });
    expect((await first.request('POST', '/api/auth/logout?everywhere=true')).status).toBe(204);
    expect((await second.request('GET', '/api/auth/me')).status).toBe(401);
    // The web asks this on every page load: 200 with nobody, never a refused request.
    const signedOut = await second.request('GET', '/api/auth/session');
    expect(signedOut.status).toBe(200);
    expect(await signedOut.json()).toEqual({ me: null });
    const forged = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: 'haven_session=forged' } });
    expect(await forged.json()).toEqual({ me: null });
  });

  it('tells the web whether the account sees children by place (a hotline does not)', async () => {
    const me = async (username: string) =>
      (
        (await (await (await signInAs(server.url, username)).request('GET', '/api/auth/me')).json()) as {
          user: { seesChildrenByPlace: boolean };
        }
      ).user;
    expect((await me('hotline.12338')).seesChildrenByPlace).toBe(false);
    expect((await me('director.chenlong')).seesChildrenByPlace).toBe(true);
  });
});

describe('a new account', () => {
  it('enrols an authenticator, changes its temporary password under the rules, then works', async () => {
    const admin = await signInAs(server.url, 'admin');
    const organisations = await server.database.db
      .selectFrom('organisations')
      .select(['id', 'division_code'])
      .where('name', '=', '岑河镇沙口村村民委员会')
      .executeTakeFirstOrThrow();
    const created = await admin.request('POST', '/api/users', {
      username: 'director.shakou',
      displayName: '马春燕',
      phone: '13971609999',
      organisationId: organisations.id,
      roles: ['village_director'],
    });
    expect(created.status).toBe(201);
    const { temporaryPassword, pendingGrants } = (await created.json()) as {
      temporaryPassword: string;
      pendingGrants: { id: string }[];
    };
    // The village director's role reads children's files: the district's officer approves it.
    const approver = await signInAs(server.url, 'officer.shashi');
    expect((await approver.request('POST', `/api/role-grants/${pendingGrants[0]!.id}/approve`)).status).toBe(204);

    const login = await post('/api/auth/login', { username: 'director.shakou', password: temporaryPassword });
    expect(await login.clone().json()).toMatchObject({ needs: 'totp_enrolment' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const setup = (await (await post('/api/auth/totp/setup', {}, headers)).json()) as { secret: string; uri: string };
    expect(setup.uri).toContain('otpauth://totp/');
    const { generate } = await import('otplib');
    const confirm = await post('/api/auth/totp/confirm', { code: await generate({ secret: setup.secret }) }, headers);
    const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);

    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers })).json()) as { needs: string };
    expect(me.needs).toBe('password_change');
    const weak = await post(
      '/api/auth/password',
      { currentPassword: temporaryPassword, newPassword: 'director.shakou1' },
      headers,
    );
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).details.map((d: { code: string }) => d.code)).toContain('password.contains_identity');
    const common = await post(
      '/api/auth/password',
      { currentPassword: temporaryPassword, newPassword: 'password123456' },
      headers,
    );
    expect((await errorOf(common)).details.map((d: { code: string }) => d.code)).toContain('password.common');
    const good = await post(
      '/api/auth/password',
      { currentPassword: temporaryPassword, newPassword: '江边-柳树-Morning-47' },
      headers,
    );
    expect(good.status).toBe(204);
    const children = await fetch(`${server.url}/api/children`, { headers });
    expect(children.status).toBe(200);
    const names = ((await children.json()) as { items: { name: string }[] }).items.map((c) => c.name).sort();
    expect(names).toEqual(['张浩然', '王梓涵']);

    // A recovery code works once in place of the authenticator.
    const relogin = await post('/api/auth/login', { username: 'director.shakou', password: '江边-柳树-Morning-47' });
    const reCookie = (relogin.headers.get('set-cookie') ?? '').split(';')[0]!;
    const reCsrf = ((await relogin.json()) as { csrfToken: string }).csrfToken;
    expect(
      (await post('/api/auth/totp', { code: recoveryCodes[0] }, { cookie: reCookie, 'x-csrf-token': reCsrf })).status,
    ).toBe(204);
  });

  it('refuses a jurisdiction outside the organisation’s own area', async () => {
    const admin = await signInAs(server.url, 'admin');
    const village = await server.database.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', '岑河镇陈龙村村民委员会')
      .executeTakeFirstOrThrow();
    const response = await admin.request(
      'POST',
      '/api/users',
      {
        username: 'bad.scope',
        displayName: '越界',
        organisationId: village.id,
        jurisdictionCode: '421022000000',
        roles: ['village_director'],
      },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('users.jurisdiction_outside_organisation');
    expect(
      await server.database.db.selectFrom('users').select('id').where('username', '=', 'bad.scope').execute(),
    ).toHaveLength(0);
  });
});

describe('the web app during a pending sign-in step', () => {
  it('is still served, so reloading at the code step shows the app, not an error', async () => {
    const login = await post('/api/auth/login', {
      username: 'director.nongli',
      password: await passwordOf('director.nongli'),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const root = await fetch(`${server.url}/`, { headers: { cookie } });
    expect(root.status).toBe(200);
    const page = await fetch(`${server.url}/login`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const data = await fetch(`${server.url}/api/children`, { headers: { cookie } });
    expect(data.status).toBe(401);
  });
});
