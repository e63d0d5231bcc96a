import { createHash } from 'node:crypto';
import { generate, ScureBase32Plugin } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl } from '../../test/support/cluster.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { loadConfig } from '../platform/config.js';
import { hashPassword, verifyPassword } from '../platform/auth/passwords.js';
import { readTotpSecret } from '../platform/auth/totp-secret.js';
import type { DemoSeeder } from '../platform/seed.js';
import { seedDemo } from './seed.js';
import { startHaven, StartupError } from '../server.js';
import { writeSetting } from '../platform/settings.js';
import { removeDemoAccounts } from './accounts.js';
import { totpCodeOf } from './credentials.js';
import { seedDemoOrganisations } from './jingzhou-organisations.js';
import { demoPeople, seedDemoPeople } from './jingzhou-people.js';
import { readDemoCredentials } from './store.js';

// The demo's people alone: what these tests are about, without its 3,000 children.
const demoPeopleOnly: DemoSeeder = {
  name: 'people',
  async seed({ trx }, _log, context) {
    await seedDemoPeople(trx, await seedDemoOrganisations(trx), context);
  },
};

// How Haven before issue 12 set every demo account's sign-in: published in its source and README.
const publishedPassword = 'Haven-Demo-2026';
function formerTotpSecret(username: string): string {
  const bytes = createHash('sha256').update(`haven-demo-totp:${username}`).digest().subarray(0, 20);
  return new ScureBase32Plugin().encode(new Uint8Array(bytes));
}

const databases: TestDatabase[] = [];
async function database(): Promise<TestDatabase> {
  const created = await createTestDatabase();
  databases.push(created);
  return created;
}
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

describe('demo credentials', () => {
  it('are random for each installation: two databases get different passwords and authenticator secrets', async () => {
    const [first, second] = await Promise.all([database(), database()]);
    await seedDemo(first.db, [demoPeopleOnly]);
    await seedDemo(second.db, [demoPeopleOnly]);
    const a = (await readDemoCredentials(first.db))!;
    const b = (await readDemoCredentials(second.db))!;
    expect(a.password).not.toBe(b.password);
    expect(a.password).not.toBe(publishedPassword);
    expect(a.accounts.map((x) => x.username).sort()).toEqual(demoPeople.map((p) => p.username).sort());
    const secrets = [...a.accounts, ...b.accounts].map((x) => x.totpSecret).filter((s) => s !== null);
    expect(secrets.length).toBeGreaterThan(10);
    expect(new Set(secrets).size).toBe(secrets.length);
    for (const account of a.accounts)
      if (account.totpSecret) expect(account.totpSecret).not.toBe(formerTotpSecret(account.username));
    // What is stored is what signs in.
    const user = await first.db
      .selectFrom('users')
      .select(['password_hash', 'totp_secret'])
      .where('username', '=', 'officer.shashi')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, a.password)).toBe(true);
    expect(user.totp_secret).toBe(a.accounts.find((x) => x.username === 'officer.shashi')?.totpSecret);
  });
});

describe('the sign-ins published with older Havens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.database.db, [demoPeopleOnly]);
  });
  afterAll(async () => server.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('sign nobody in: neither the published password nor the authenticator code derived from the username', async () => {
    for (const username of ['admin', 'officer.city', 'auditor']) {
      expect((await post('/api/auth/login', { username, password: publishedPassword })).status, username).toBe(401);
    }
    const stored = (await readDemoCredentials(server.database.db))!;
    const login = await post('/api/auth/login', { username: 'officer.shashi', password: stored.password });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken, needs } = (await login.json()) as { csrfToken: string; needs: string };
    expect(needs).toBe('totp');
    const derived = await generate({
      secret: formerTotpSecret('officer.shashi'),
      epoch: Math.floor(Date.now() / 1000),
    });
    expect((await post('/api/auth/totp', { code: derived }, { cookie, 'x-csrf-token': csrfToken })).status).toBe(401);
    const secret = stored.accounts.find((a) => a.username === 'officer.shashi')!.totpSecret!;
    expect(
      (await post('/api/auth/totp', { code: await totpCodeOf(secret) }, { cookie, 'x-csrf-token': csrfToken })).status,
    ).toBe(204);
  });
});

describe('starting Haven on a database with demo accounts', () => {
  const config = (db: TestDatabase) => ({
    ...loadConfig(
      {},
      {
        databaseUrl: databaseUrl(inject('adminUrl'), db.name),
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        webDir: '/nonexistent',
      },
    ),
    jobsEnabled: false,
  });

  /** A demo as an older Haven left it: no mark, the published password and derived secrets. */
  async function formerDemo(db: TestDatabase) {
    await seedDemo(db.db, [demoPeopleOnly]);
    await db.db.deleteFrom('demo_accounts').execute();
    await db.db.deleteFrom('demo_installation').execute();
    await db.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(publishedPassword) })
      .execute();
    for (const person of demoPeople)
      await db.db
        .updateTable('users')
        .set({ totp_secret: formerTotpSecret(person.username) })
        .where('username', '=', person.username)
        .where('totp_enabled', '=', true)
        .execute();
    await db.db
      .transaction()
      .execute((trx) => writeSetting(trx, 'demo.seeded', { at: '2026-11-01T00:00:00Z', notes: [] }));
  }

  it('refuses a database that is not marked as a demo, says how to remove them, and serves once they are removed', async () => {
    const db = await database();
    await formerDemo(db);
    const refused = await startHaven(config(db)).then(
      async (haven) => {
        await haven.stop();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StartupError);
    expect((refused as Error).message).toMatch(
      /16 demo account\(s\) \(admin, .*\) but is not marked as a demo database/,
    );
    expect((refused as Error).message).toContain('npm run haven -- demo remove-accounts');

    expect((await removeDemoAccounts(db.db)).length).toBe(16);
    const users = await db.db.selectFrom('users').select(['disabled', 'password_hash', 'totp_secret']).execute();
    expect(users.every((u) => u.disabled && u.totp_secret === null)).toBe(true);
    for (const user of users.slice(0, 2))
      expect(await verifyPassword(user.password_hash, publishedPassword)).toBe(false);
    const haven = await startHaven(config(db));
    await haven.stop();
  });

  it('gives a former demo new random credentials and marks it when it is started as a demo (--demo)', async () => {
    const db = await database();
    await formerDemo(db);
    const haven = await startHaven(config(db), { seedDemo: true });
    await haven.stop();
    const stored = (await readDemoCredentials(db.db))!;
    expect(stored.password).not.toBe(publishedPassword);
    expect(haven.demoNotes.join('\n')).toContain(stored.password);
    const user = await db.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'totp_secret'])
      .where('username', '=', 'director.nongli')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, publishedPassword)).toBe(false);
    // Started as a server does, so the secret is sealed at rest (totp-secret.ts); it opens to the new one.
    expect(readTotpSecret(user)).not.toBe(formerTotpSecret('director.nongli'));
    expect(readTotpSecret(user)).toBe(stored.accounts.find((a) => a.username === 'director.nongli')?.totpSecret);
  });

  it('serves a database marked as a demo, with or without --demo, without seeding it twice', async () => {
    const db = await database();
    await seedDemo(db.db, [demoPeopleOnly]);
    const before = await readDemoCredentials(db.db);
    const haven = await startHaven(config(db));
    await haven.stop();
    expect(haven.demoNotes.join('\n')).toContain('npm run haven -- demo credentials');
    expect(haven.demoNotes.join('\n')).not.toContain(before!.password);
    expect(await readDemoCredentials(db.db)).toEqual(before);
  });
});
