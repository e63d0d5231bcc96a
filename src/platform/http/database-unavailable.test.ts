import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/cli/haven-cli.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import { buildApp, type BuiltApp } from './app.js';
import type { HavenApp } from './deps.js';

/* While the database is away every request that needs it gets a 503 with Retry-After, never a 500. */

let built: BuiltApp;
let gone: Kysely<Database>;

beforeAll(async () => {
  // Nothing listens on this port: what a stopped, killed or restarting PostgreSQL looks like.
  const port = await freePort();
  gone = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 5000 }),
    }),
  });
  const probes = (app: HavenApp) => {
    app.get('/api/test/query', { config: { access: 'public' } }, async () => (await sql`SELECT 1`.execute(gone)).rows);
    app.get('/api/test/shutdown', { config: { access: 'public' } }, async () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
        severity: 'FATAL',
      });
    });
    app.get('/api/test/terminated', { config: { access: 'public' } }, async () => {
      throw new Error('Connection terminated unexpectedly');
    });
  };
  built = await buildApp(
    { db: gone, config: loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' }), embedded: undefined },
    [probes],
  );
});
afterAll(async () => {
  await built.app.close();
  await gone.destroy();
});

describe('the database away', () => {
  it.each(['/api/test/query', '/api/test/shutdown', '/api/test/terminated'])(
    '%s: 503 database_unavailable with Retry-After, in Chinese and English',
    async (url) => {
      const zh = await built.app.inject({ method: 'GET', url });
      expect(zh.statusCode).toBe(503);
      expect(Number(zh.headers['retry-after'])).toBeGreaterThan(0);
      const zhBody = zh.json<{ error: { code: string; message: string } }>();
      expect(zhBody.error.code).toBe('database_unavailable');
      expect(zhBody.error.message).toMatch(/^数据库暂时无法连接.*\d+ 秒后重试/);
      const en = await built.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
      expect(en.statusCode).toBe(503);
      expect(en.json<{ error: { message: string } }>().error.message).toMatch(
        /^The database cannot be reached right now.*Try again in \d+ seconds/,
      );
    },
  );

  it('a signed-in request (the session is read from the database) is a 503 too, not a 500', async () => {
    const response = await built.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'haven_session=abc' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('database_unavailable');
  });

  it('/api/health says unavailable with a 503 and Retry-After', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.json()).toMatchObject({ status: 'degraded', database: { reachable: false, state: 'unavailable' } });
  });
});
