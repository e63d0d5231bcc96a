import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../contract/errors.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { recordErrorBodies } from '../../../test/support/error-bodies.js';
import { loadConfig } from '../config.js';
import { DomainError } from '../errors.js';
import { buildApp, type BuiltApp } from './app.js';
import type { HavenApp } from './deps.js';

let database: TestDatabase;
let built: BuiltApp;

function probeRoutes(app: HavenApp) {
  app.post(
    '/api/test/echo',
    {
      config: { access: 'public' },
      schema: { body: z.object({ name: z.string().min(2), age: z.number().int().max(17) }) },
    },
    async (request) => request.body,
  );
  app.get('/api/test/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret internal detail at /srv/haven');
  });
  app.get('/api/test/stale', { config: { access: 'public' } }, async () => {
    throw new DomainError('stale_version', 409, { entity: 'child', id: 'c1', currentVersion: 4 });
  });
  app.get('/api/test/private', { config: { access: { permission: 'registry.read' } } }, async () => 'hidden');
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({}, { logLevel: 'silent', bodyLimitBytes: 2048, webDir: '/nonexistent' });
  built = await buildApp({ db: database.db, config, embedded: undefined }, [probeRoutes]);
  recordErrorBodies(built.app);
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

describe('the HTTP edge', () => {
  it('reports health with the migration state and version', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: { reachable: true, migrations: { pending: [] } } });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('words validation errors in the caller’s language, with the field path', async () => {
    const zh = await built.app.inject({ method: 'POST', url: '/api/test/echo', payload: { name: 'a', age: 20 } });
    expect(zh.statusCode).toBe(400);
    const body = zh.json<{ error: { code: string; message: string; details: { path: string; message: string }[] } }>();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('2 处错误');
    expect(body.error.details.map((d) => d.path)).toEqual(['body.name', 'body.age']);
    expect(body.error.details[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await built.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { name: 'a', age: 20 },
    });
    expect(en.json<{ error: { message: string } }>().error.message).toBe(
      'The submission has 2 problem(s); correct them as indicated.',
    );
  });

  it('maps a domain error once, with its code and parameters', async () => {
    const response = await built.app.inject({
      method: 'GET',
      url: '/api/test/stale',
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: { code: 'stale_version', message: expect.stringContaining('current version 4') },
    });
  });

  it('never leaks internals in a 500', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('/srv');
    expect(response.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'internal',
      message: expect.stringContaining(response.headers['x-request-id'] as string),
    });
  });

  it('refuses oversized and malformed bodies with a clear code', async () => {
    const big = await built.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { name: 'x'.repeat(5000), age: 1 },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json<{ error: { code: string } }>().error.code).toBe('payload_too_large');
    const broken = await built.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ error: { code: string } }>().error.code).toBe('bad_json');
  });

  it('refuses a permission-guarded route to an anonymous caller', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/test/private' });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
  });

  it('answers every kind of error in the one envelope of the contract (src/contract/errors.ts)', async () => {
    const answers = await Promise.all([
      built.app.inject({ method: 'POST', url: '/api/test/echo', payload: { name: 'a', age: 20 } }),
      built.app.inject({ method: 'POST', url: '/api/test/echo', payload: { name: 'x'.repeat(5000), age: 1 } }),
      built.app.inject({
        method: 'POST',
        url: '/api/test/echo',
        headers: { 'content-type': 'text/csv' },
        payload: 'a',
      }),
      built.app.inject({ method: 'GET', url: '/api/test/private' }),
      built.app.inject({ method: 'GET', url: '/api/test/stale' }),
      built.app.inject({ method: 'GET', url: '/api/test/boom' }),
      built.app.inject({ method: 'GET', url: '/api/no-such-route' }),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([400, 413, 415, 401, 409, 500, 404]);
    for (const answer of answers) {
      const body = answer.json<Record<string, unknown>>();
      expect(Object.keys(body)).toEqual(['error']);
      expect(errorBodySchema.safeParse(body).success, answer.body).toBe(true);
    }
  });

  it('publishes an OpenAPI 3.1 document that validates', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/health');
    const { validate } = await import('@readme/openapi-parser');
    const result = await validate(structuredClone(document) as never);
    expect(result).toMatchObject({ valid: true });
  });

  it('serves Prometheus metrics', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.body).toContain('haven_http_request_duration_seconds');
  });
});
