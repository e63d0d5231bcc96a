import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadConfig } from '../config.js';
import { buildApp, type BuiltApp } from './app.js';
import type { HavenApp } from './deps.js';

let database: TestDatabase;
const apps: Record<string, BuiltApp> = {};
const ipRoute = (app: HavenApp) => {
  app.get('/api/test/ip', { config: { access: 'public' } }, async (request) => ({ ip: request.ip }));
};

beforeAll(async () => {
  database = await createTestDatabase();
  for (const setting of ['false', '127.0.0.1', '1']) {
    const config = loadConfig({ HAVEN_TRUST_PROXY: setting }, { logLevel: 'silent', webDir: '/nonexistent' });
    apps[setting] = await buildApp({ db: database.db, config, embedded: undefined }, [ipRoute]);
  }
});
afterAll(async () => {
  await Promise.all(Object.values(apps).map((built) => built.app.close()));
  await database.drop();
});

const ipSeenBy = async (setting: string, remoteAddress: string) =>
  (
    await apps[setting]!.app.inject({
      method: 'GET',
      url: '/api/test/ip',
      remoteAddress,
      headers: { 'x-forwarded-for': '203.0.113.9' },
    })
  ).json<{ ip: string }>().ip;

describe('HAVEN_TRUST_PROXY', () => {
  it('takes the client address from X-Forwarded-For only from the proxy it names', async () => {
    expect(await ipSeenBy('false', '127.0.0.1')).toBe('127.0.0.1');
    expect(await ipSeenBy('127.0.0.1', '127.0.0.1')).toBe('203.0.113.9');
    expect(await ipSeenBy('127.0.0.1', '10.0.0.7')).toBe('10.0.0.7');
    expect(await ipSeenBy('1', '10.0.0.7')).toBe('203.0.113.9');
  });
});
