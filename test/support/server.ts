import path from 'node:path';
import { type Config, loadConfig } from '../../src/platform/config.js';
import { buildApp, type BuiltApp } from '../../src/platform/http/app.js';
import { loadFeatures } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createDemoDatabase } from './demo-database.js';
import { profiled } from './e2e-profile.js';
import { recordErrorBodies } from './error-bodies.js';

export interface TestServer {
  url: string;
  built: BuiltApp;
  database: TestDatabase;
  close(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** The real Haven app on a random port over a fresh database, serving the built web app. */
export async function startTestServer(options: { demo?: boolean; config?: Partial<Config> } = {}): Promise<TestServer> {
  // The demo is seeded with the run's own random credentials, which signInAs and the e2e helpers use.
  const database = await profiled(options.demo ? 'demo database' : 'database', () =>
    options.demo ? createDemoDatabase() : createTestDatabase(),
  );
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      webDir: path.join(root, 'dist/web'),
      rateLimitPerMinute: 100_000,
      ...options.config,
    },
  );
  const built = await profiled('server start', async () => {
    const app = await buildApp({ db: database.db, config, embedded: undefined }, (await loadFeatures()).routes);
    recordErrorBodies(app.app);
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    return app;
  });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    built,
    database,
    close: async () => {
      await built.app.close();
      await database.drop();
    },
  };
}
