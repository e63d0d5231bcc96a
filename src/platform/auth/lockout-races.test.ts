import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, totpCodeOf } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf } from '../../../test/support/session.js';
import { loadConfig } from '../config.js';
import { signIn } from './sign-in.js';

const threshold = 5;
let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo); each has their own password.
const passwordOf = async (username: string) => (await make.as(username)).password;
// Their first sign-in used this step's code: the next step's is one no sign-in has used (one step of drift).
const unusedTotpCode = async (username: string) => totpCodeOf(await make.as(username), Date.now() + 30_000);
beforeAll(async () => {
  server = await startTestServer({ config: { lockoutThreshold: threshold } });
  make = factories(server.database.db);
  await make.cast('charity');
  await make.onboard(server.url, 'officer.gongan', 'director.chenlong', 'director.nongli');
});
afterAll(async () => server.close());

const config = loadConfig({}, { lockoutThreshold: threshold, logLevel: 'silent', webDir: path.resolve('dist/web') });
const meta = (i: number) => ({ ip: `10.0.0.${i}`, userAgent: null, locale: 'en' as const, requestId: `race-${i}` });

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function passwordStep(username: string) {
  const login = await post('/api/auth/login', { username, password: await passwordOf(username) });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken, needs } = (await login.json()) as { csrfToken: string; needs: string };
  expect(needs).toBe('totp');
  return { cookie, 'x-csrf-token': csrfToken };
}

async function signInReasons(username: string) {
  const rows = await server.database.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('action', 'in', ['auth.sign_in', 'auth.account_locked'])
    .orderBy('id')
    .execute();
  const mine = rows.filter(
    (row) => (row.details as { username?: string }).username === username || row.action === 'auth.account_locked',
  );
  return mine.map((row) =>
    row.action === 'auth.account_locked' ? 'account_locked' : ((row.details as { reason?: string }).reason ?? 'passed'),
  );
}

describe('lockout under concurrency (issue 12, item 7)', () => {
  it('judges at most the threshold of 40 concurrent wrong passwords; the rest find the account locked', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        signIn(server.database.db, config, { username: 'charity', password: `wrong-password-${i}` }, meta(i)),
      ),
    );
    expect(attempts.every((a) => a.status === 'rejected')).toBe(true);
    const reasons = await signInReasons('charity');
    expect(reasons.filter((r) => r === 'wrong_password').length).toBeLessThanOrEqual(threshold);
    expect(reasons.filter((r) => r === 'account_locked')).toHaveLength(1);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(40 - threshold);
    const user = await server.database.db
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', 'charity')
      .executeTakeFirstOrThrow();
    expect(user.locked_until).not.toBeNull();
    expect((await post('/api/auth/login', { username: 'charity', password: await passwordOf('charity') })).status).toBe(
      401,
    );
  });

  it('lets one authenticator code complete exactly one of 8 concurrent sign-ins (a replay does not count towards the lockout)', async () => {
    const sessions = await Promise.all(Array.from({ length: 8 }, () => passwordStep('officer.gongan')));
    const code = await unusedTotpCode('officer.gongan');
    const answers = await Promise.all(sessions.map((headers) => post('/api/auth/totp', { code }, headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([204, 401, 401, 401, 401, 401, 401, 401]);
    const through = await Promise.all(
      sessions.map(async (headers) => (await fetch(`${server.url}/api/children`, { headers })).status),
    );
    expect(through.filter((status) => status === 200)).toHaveLength(1);
  });

  it('refuses the second factor of a session that passed the password before the account locked', async () => {
    const headers = await passwordStep('director.chenlong');
    for (let i = 0; i < threshold; i += 1)
      await signIn(
        server.database.db,
        config,
        { username: 'director.chenlong', password: `wrong-${i}` },
        meta(100 + i),
      ).catch(() => undefined);
    const answer = await post('/api/auth/totp', { code: await unusedTotpCode('director.chenlong') }, headers);
    expect(answer.status).toBe(401);
    expect((await fetch(`${server.url}/api/children`, { headers })).status).toBe(401);
    expect((await fetch(`${server.url}/api/auth/me`, { headers })).status).toBe(401);
  });

  it('re-checks the lock at the second factor even when the pending session survived the lockout', async () => {
    const headers = await passwordStep('director.nongli');
    // A lock that left the session in place (set by another process, or an older Haven).
    await server.database.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 15 * 60_000) })
      .where('username', '=', 'director.nongli')
      .execute();
    const answer = await post('/api/auth/totp', { code: await unusedTotpCode('director.nongli') }, headers);
    expect(answer.status).toBe(401);
    expect((await errorOf(answer)).code).toBe('sign_in_failed');
    expect((await fetch(`${server.url}/api/children`, { headers })).status).toBe(401);
  });
});
