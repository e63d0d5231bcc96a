// The Haven app as `npm start` runs it, in its own process over the bench database, plus the
// baseline route of benchmarks 1 and 2: one SELECT on the same pool, no session, no audit.
import { z } from 'zod';
import { loadFeatures } from '../src/server.js';
import { loadConfig } from '../src/platform/config.js';
import { openPool } from '../src/platform/db/connect.js';
import { notFound } from '../src/platform/errors.js';
import { buildApp, type FeatureRoutes } from '../src/platform/http/app.js';
import { loadInstallationKey } from '../src/platform/secrets/installation-key.js';
import { benchDataDir } from './db.js';
import { traceServer } from './server-trace.js';
import { traceDir } from './trace.js';

const url = process.env.BENCH_SERVER_DATABASE_URL;
if (!url) throw new Error('BENCH_SERVER_DATABASE_URL is not set');

const baseline: FeatureRoutes = (app, { db }) => {
  app.get(
    '/bench/baseline/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['bench'],
        summary: 'Benchmark baseline: one primary-key SELECT',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ id: z.string(), name: z.string() }) },
      },
    },
    async (request) => {
      const row = await db
        .selectFrom('children')
        .select(['id', 'name'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('child', request.params.id);
      return row;
    },
  );
};

// The audit chain is keyed (migration 0022): the server's connections need the bench installation's key.
await loadInstallationKey(benchDataDir);
const database = await openPool(url, undefined, 20);
const config = loadConfig(
  { HAVEN_JOBS_ENABLED: 'false' },
  {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    rateLimitPerMinute: 100_000_000,
    databaseUrl: url,
    // Benchmark 7 can measure another build of the web app (an older commit's, for a before figure).
    ...(process.env.BENCH_WEB_DIR ? { webDir: process.env.BENCH_WEB_DIR } : {}),
  },
);
const built = await buildApp({ db: database.db, config, embedded: undefined }, [
  ...(await loadFeatures()).routes,
  baseline,
]);
const stopTrace = traceDir ? traceServer(built.app.server, database.pool) : undefined;
await built.app.listen({ port: 0, host: '127.0.0.1' });
const address = built.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
const stop = async () => {
  stopTrace?.();
  await built.app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
