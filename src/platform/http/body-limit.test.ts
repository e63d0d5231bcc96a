import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadConfig } from '../config.js';
import { buildApp, type BuiltApp } from './app.js';
import type { HavenApp } from './deps.js';

// Issue 12: the report upload's 413 named the app's limit, not the route's 40 MB.
let database: TestDatabase;
let built: BuiltApp;
const appLimit = 2048;
const limits = { '/api/test/default': undefined, '/api/test/smaller': 1024, '/api/test/larger': 8192 } as const;

function probeRoutes(app: HavenApp) {
  for (const [url, bodyLimit] of Object.entries(limits)) {
    app.post(
      url,
      {
        config: { access: 'public' },
        ...(bodyLimit === undefined ? {} : { bodyLimit }),
        schema: { body: z.object({ text: z.string() }) },
      },
      async () => ({ ok: true }),
    );
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildApp(
    {
      db: database.db,
      config: loadConfig({}, { logLevel: 'silent', bodyLimitBytes: appLimit, webDir: '/nonexistent' }),
      embedded: undefined,
    },
    [probeRoutes],
  );
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

describe('a body over the limit', () => {
  it('is refused with 413 naming the limit of that route (its own, or the app’s), in both languages', async () => {
    for (const [url, bodyLimit] of Object.entries(limits)) {
      const limit = bodyLimit ?? appLimit;
      const under = await built.app.inject({ method: 'POST', url, payload: { text: 'x'.repeat(limit - 100) } });
      expect(under.statusCode).toBe(200);
      const over = { text: 'x'.repeat(limit + 1) };
      const zh = await built.app.inject({ method: 'POST', url, payload: over });
      expect(zh.statusCode).toBe(413);
      expect(zh.json<{ error: { code: string; message: string } }>().error).toEqual({
        code: 'payload_too_large',
        message: `提交的内容过大（上限 ${limit} 字节）。`,
      });
      const en = await built.app.inject({ method: 'POST', url, payload: over, headers: { 'accept-language': 'en' } });
      expect(en.json<{ error: { message: string } }>().error.message).toBe(
        `The submission is too large (limit ${limit} bytes).`,
      );
    }
  });
});
