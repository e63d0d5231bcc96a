import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { buildApp, type BuiltApp } from '../src/platform/http/app.js';
import { loadFeatures } from '../src/server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let built: BuiltApp;
beforeAll(async () => {
  database = await createTestDatabase();
  built = await buildApp(
    { db: database.db, config: loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' }), embedded: undefined },
    (await loadFeatures()).routes,
  );
  await built.app.ready();
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

describe('declared access of every API route', () => {
  it('matches the reviewed list (a permission change shows up as a diff of this file)', async () => {
    const lines = built.declaredRoutes
      .filter((route) => !route.url.startsWith('/api/docs'))
      .map((route) => `${route.method.padEnd(6)} ${route.url.padEnd(48)} ${route.access}`)
      .sort();
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./route-access.snapshot.txt');
  });
});
