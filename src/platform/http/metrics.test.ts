import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadConfig } from '../config.js';
import { buildApp, type BuiltApp } from './app.js';

let database: TestDatabase;
let open: BuiltApp;
let withToken: BuiltApp;
const token = 'metrics-token-0123456789abcdef';

beforeAll(async () => {
  database = await createTestDatabase();
  const config = (env: NodeJS.ProcessEnv) => loadConfig(env, { logLevel: 'silent', webDir: '/nonexistent' });
  open = await buildApp({ db: database.db, config: config({}), embedded: undefined });
  withToken = await buildApp({ db: database.db, config: config({ HAVEN_METRICS_TOKEN: token }), embedded: undefined });
});
afterAll(async () => {
  await Promise.all([open.app.close(), withToken.app.close()]);
  await database.drop();
});

const basic = (password: string) => `Basic ${Buffer.from(`prometheus:${password}`).toString('base64')}`;

describe('/metrics', () => {
  it('without a token, refuses anonymous requests from other machines and those a local proxy forwarded', async () => {
    for (const remoteAddress of ['10.0.0.7', '192.168.1.20', '2001:db8::1', '::ffff:10.0.0.7']) {
      const response = await open.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress,
        headers: { 'accept-language': 'en' },
      });
      expect(response.statusCode, remoteAddress).toBe(403);
      expect(response.json()).toEqual({
        error: { code: 'metrics_refused', message: expect.stringContaining('HAVEN_METRICS_TOKEN') },
      });
      expect(response.body).not.toContain('haven_http_request_duration_seconds');
    }
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const proxied = await open.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '127.0.0.1',
        headers: { [header]: '203.0.113.9' },
      });
      expect(proxied.statusCode, header).toBe(403);
    }
  });

  it('without a token, answers direct requests from this machine', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const response = await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect(response.statusCode, remoteAddress).toBe(200);
      expect(response.body).toContain('haven_http_request_duration_seconds');
    }
  });

  it('with HAVEN_METRICS_TOKEN, answers only the token (basic auth password), from anywhere', async () => {
    for (const headers of [
      {},
      { authorization: basic('wrong-token-0123456789abcdef') },
      { authorization: basic(token.slice(0, -1)) },
      { authorization: `Bearer ${token}` },
    ]) {
      const response = await withToken.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '127.0.0.1',
        headers,
      });
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
      expect(response.body).not.toContain('haven_http_request_duration_seconds');
    }
    const scraped = await withToken.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.0.0.7',
      headers: { authorization: basic(token) },
    });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('haven_http_request_duration_seconds');
  });
});
