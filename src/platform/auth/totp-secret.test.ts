import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, totpCodeOf } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { installationKey, useInstallationKey } from '../secrets/installation-key.js';
import { encryptPlainTotpSecrets, readTotpSecret, sealTotpSecret, TotpSecretUnreadableError } from './totp-secret.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo) and enrolled at their first sign-in.
const signInAs = (url: string, name: string) => make.signInAs(url, name);
const secrets = new Map<string, string>();
const enrolledSecret = (username: string) => secrets.get(username) ?? 'not enrolled';
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  await make.onboard(server.url, 'officer.city', 'officer.shashi', 'officer.gongan', 'director.chenlong');
  await make.organisationNamed('shakouVillage');
  for (const name of ['officer.city', 'officer.shashi', 'officer.gongan', 'director.chenlong'])
    secrets.set(name, (await make.as(name)).totpSecret!);
});
afterAll(async () => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const base32Secret = /^[A-Z2-7]{16,}=*$/;

async function storedSecrets() {
  return server.database.db
    .selectFrom('users')
    .select(['id', 'username', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .execute();
}

describe('TOTP secrets at rest', () => {
  it('leaves no secret in clear after start-up sealed the ones stored in clear, and those accounts still sign in', async () => {
    // A secret as an older Haven (or a seeder) stored it: in clear.
    await server.database.db
      .updateTable('users')
      .set({ totp_secret: enrolledSecret('officer.city') })
      .where('username', '=', 'officer.city')
      .execute();
    expect(
      (await storedSecrets()).filter((u) => base32Secret.test(u.totp_secret ?? '')).map((u) => u.username),
    ).toEqual(['officer.city']);
    expect(await encryptPlainTotpSecrets(server.database.db)).toBe(1);
    const after = await storedSecrets();
    expect(after.length).toBeGreaterThan(0);
    for (const user of after) {
      expect(user.totp_secret).toMatch(/^enc1:/);
      expect(user.totp_secret).not.toContain(enrolledSecret(user.username));
      expect(readTotpSecret(user)).toBe(enrolledSecret(user.username));
    }
    expect(await encryptPlainTotpSecrets(server.database.db)).toBe(0);
    const officer = await signInAs(server.url, 'officer.city');
    expect((await officer.request('GET', '/api/children')).status).toBe(200);
  });

  it('stores a newly enrolled secret sealed, and signing in with it works', async () => {
    const admin = await signInAs(server.url, 'admin');
    const village = await server.database.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', '岑河镇沙口村村民委员会')
      .executeTakeFirstOrThrow();
    const created = await admin.request('POST', '/api/users', {
      username: 'director.sealed',
      displayName: '封存',
      phone: '13971608888',
      organisationId: village.id,
      roles: ['village_director'],
    });
    expect(created.status).toBe(201);
    const { temporaryPassword } = (await created.json()) as { temporaryPassword: string };
    const login = await post('/api/auth/login', { username: 'director.sealed', password: temporaryPassword });
    const headers = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    const setup = (await (await post('/api/auth/totp/setup', {}, headers)).json()) as { secret: string };

    const row = await server.database.db
      .selectFrom('users')
      .select(['id', 'totp_secret'])
      .where('username', '=', 'director.sealed')
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toMatch(/^enc1:/);
    expect(row.totp_secret).not.toContain(setup.secret);
    expect(base32Secret.test(row.totp_secret ?? '')).toBe(false);

    const { generate } = await import('otplib');
    expect(
      (await post('/api/auth/totp/confirm', { code: await generate({ secret: setup.secret }) }, headers)).status,
    ).toBe(200);
    const good = await post(
      '/api/auth/password',
      { currentPassword: temporaryPassword, newPassword: '江边-柳树-Sealed-47' },
      headers,
    );
    expect(good.status).toBe(204);

    const again = await post('/api/auth/login', { username: 'director.sealed', password: '江边-柳树-Sealed-47' });
    const againHeaders = {
      cookie: (again.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': ((await again.json()) as { csrfToken: string }).csrfToken,
    };
    // The enrolment used this step's code: the next step's is accepted (one step of drift).
    const next = await generate({ secret: setup.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await post('/api/auth/totp', { code: next }, againHeaders)).status).toBe(204);
  });

  it('fails closed under another installation key, and a sealed secret does not open for another account', async () => {
    const officer = await server.database.db
      .selectFrom('users')
      .select(['id', 'totp_secret'])
      .where('username', '=', 'officer.shashi')
      .executeTakeFirstOrThrow();
    expect(readTotpSecret(officer)).toBe(enrolledSecret('officer.shashi'));
    const other = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'officer.gongan')
      .executeTakeFirstOrThrow();
    expect(() => readTotpSecret({ id: other.id, totp_secret: officer.totp_secret })).toThrow(TotpSecretUnreadableError);
    expect(() => readTotpSecret({ id: officer.id, totp_secret: `${officer.totp_secret!.slice(0, -3)}AAA` })).toThrow(
      TotpSecretUnreadableError,
    );

    const rightKey = installationKey();

    const login = await post('/api/auth/login', {
      username: 'officer.shashi',
      password: (await make.as('officer.shashi')).password,
    });
    const headers = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    useInstallationKey(Buffer.alloc(32, 7));
    try {
      expect(() => readTotpSecret(officer)).toThrow(/cannot be decrypted with this installation key/);
      expect(() => sealTotpSecret(officer.id, 'X')).not.toThrow();
      const refused = await post(
        '/api/auth/totp',
        { code: await totpCodeOf(await make.as('officer.shashi'), Date.now() + 30_000) },
        headers,
      );
      expect(refused.status).toBeGreaterThanOrEqual(400);
    } finally {
      useInstallationKey(rightKey);
    }
    const session = await server.database.db
      .selectFrom('sessions')
      .select('mfa_passed')
      .where('user_id', '=', officer.id)
      .execute();
    expect(session.every((s) => !s.mfa_passed)).toBe(true);
  });
});
