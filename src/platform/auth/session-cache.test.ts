import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import { type Factories, factories, signIn } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { SessionCache, type SessionLookup, sessionChannel, sessionsChanged } from './session-cache.js';

const lookup = (userId: string): SessionLookup => ({
  session: {
    tokenHash: `hash-${userId}`,
    userId,
    csrfToken: 'csrf',
    mfaPassed: true,
    lastSeenAt: new Date(0),
    absoluteExpiresAt: new Date(0),
  },
  account: {
    id: userId,
    username: userId,
    displayName: userId,
    organisationId: 'org',
    organisationName: 'org',
    organisationKind: 'civil_affairs_bureau',
    jurisdictionCode: '421000000000',
    roles: [],
    permissions: new Set(),
    mustChangePassword: false,
    totpEnabled: true,
    disabled: false,
    preferences: {},
  },
});

describe('the session cache', () => {
  let now = 1_000;
  const cacheAlive = () => {
    const cache = new SessionCache(5_000, () => now);
    cache.alive(now + 10_000);
    return cache;
  };

  it('answers a kept lookup only within its time and while the listener is known alive', () => {
    const cache = cacheAlive();
    cache.keep('a', cache.ticket(), lookup('u1'));
    expect(cache.get('a')?.account.id).toBe('u1');
    now += 5_001;
    expect(cache.get('a')).toBeUndefined();
    cache.keep('a', cache.ticket(), lookup('u1'));
    now += 5_000; // past the listener's last proof of life, within the entry's time
    expect(cache.get('a')).toBeUndefined();
    cache.close();
  });

  it('keeps nothing while the listener is down, and nothing read before it came back', () => {
    const cache = cacheAlive();
    cache.keep('a', cache.ticket(), lookup('u1'));
    cache.down();
    expect(cache.get('a')).toBeUndefined();
    const during = cache.ticket();
    cache.keep('b', during, lookup('u2'));
    cache.alive(now + 10_000);
    expect(cache.get('b')).toBeUndefined();
    cache.keep('b', during, lookup('u2'));
    expect(cache.get('b')).toBeUndefined();
    cache.close();
  });

  it("forgets one user's sessions (or everyone's), and refuses a lookup that began before", () => {
    const cache = cacheAlive();
    cache.keep('a', cache.ticket(), lookup('u1'));
    cache.keep('b', cache.ticket(), lookup('u2'));
    const before = cache.ticket();
    sessionsChanged('u1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.account.id).toBe('u2');
    cache.keep('a', before, lookup('u1'));
    expect(cache.get('a')).toBeUndefined();
    cache.forget('*');
    expect(cache.get('b')).toBeUndefined();
    cache.close();
  });

  it('keeps nothing when its time is 0', () => {
    const cache = new SessionCache(0, () => now);
    cache.alive(now + 10_000);
    cache.keep('a', cache.ticket(), lookup('u1'));
    expect(cache.get('a')).toBeUndefined();
    cache.close();
  });
});

describe('a server that keeps sessions in memory (30 s here: only a change or a notice ends one sooner)', () => {
  let server: TestServer;
  let make: Factories;
  beforeAll(async () => {
    server = await startTestServer({ config: { sessionCacheSeconds: 30 } });
    make = factories(server.database.db);
  });
  afterAll(async () => server.close());
  const listening = () =>
    sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${`haven listener ${sessionChannel}`}`;

  it('refuses a session signed out through it on the very next request', async () => {
    const session = await make.signInAs(server.url, 'officer.shashi');
    expect((await session.request('GET', '/api/children')).status).toBe(200);
    expect((await session.request('GET', '/api/children')).status).toBe(200);
    expect((await session.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await session.request('GET', '/api/children')).status).toBe(401);
  });

  it('narrows a session at once when a role is taken away or the account locked through it', async () => {
    const admin = await make.signInAs(server.url, 'admin');
    const shashi = await make.organisationNamed('shashiCivilAffairs');
    const [narrowed, locked] = [
      await make.person('civil_affairs_officer', { organisation: shashi }),
      await make.person('civil_affairs_officer', { organisation: shashi }),
    ];
    const narrowedSession = await signIn(server.url, narrowed);
    const lockedSession = await signIn(server.url, locked);
    for (const session of [narrowedSession, lockedSession])
      expect((await session.request('GET', '/api/children')).status).toBe(200);
    const { version } = await server.database.db
      .selectFrom('users')
      .select('version')
      .where('id', '=', narrowed.id)
      .executeTakeFirstOrThrow();
    expect((await admin.request('PUT', `/api/users/${narrowed.id}/roles`, { roles: [], version })).status).toBe(200);
    expect((await narrowedSession.request('GET', '/api/children')).status).toBe(403);
    expect((await admin.request('POST', `/api/users/${locked.id}/lock`, { locked: true })).status).toBe(204);
    expect((await lockedSession.request('GET', '/api/children')).status).toBe(401);
  });

  it('hears of a change written behind its back (another process, psql) by notice', async () => {
    const session = await make.signInAs(server.url, 'officer.city');
    expect((await session.request('GET', '/api/children')).status).toBe(200);
    const person = await make.as('officer.city');
    await sql`UPDATE users SET disabled = true WHERE id = ${person.id}`.execute(server.database.db);
    expect(await eventually(async () => (await session.request('GET', '/api/children')).status === 401, 10_000)).toBe(
      true,
    );
  });

  it('asks the database again when its listener was lost, not after the 30 s', async () => {
    const session = await make.signInAs(server.url, 'officer.gongan');
    expect((await session.request('GET', '/api/children')).status).toBe(200);
    const listener = await listening().execute(server.database.db);
    expect(listener.rows.length).toBeGreaterThan(0);
    // The listener is cut, then the session ended: the notice of that is lost with it.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY(${listener.rows.map((r) => r.pid)})`.execute(
      server.database.db,
    );
    const person = await make.as('officer.gongan');
    await sql`DELETE FROM sessions WHERE user_id = ${person.id}`.execute(server.database.db);
    expect(await eventually(async () => (await session.request('GET', '/api/children')).status === 401, 10_000)).toBe(
      true,
    );
    // And it listens again: a later change is heard too.
    const again = await make.signInAs(server.url, 'officer.gongan');
    expect((await again.request('GET', '/api/children')).status).toBe(200);
    expect(await eventually(async () => (await listening().execute(server.database.db)).rows.length > 0)).toBe(true);
  });
});
