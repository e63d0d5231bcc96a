import type { Config } from './config.js';
import { connectDatabase, type Db } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp, type BuiltApp } from './http/app.js';
import { registerSweep, runSweeps } from './jobs/sweeps.js';
import { requeueAbandonedJobs, startJobRunner, type JobRunner } from './jobs/worker.js';
import { seedDemo } from './seed.js';
import { demoSeeders, featureJobs, featureRoutes, featureSweeps } from '../features/index.js';

export interface RunningHaven {
  url: string;
  built: BuiltApp;
  database: Db;
  demoNotes: string[];
  stop(): Promise<void>;
}

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

const sweepIntervalMs = 5 * 60_000;

/** Starts everything `npm start` needs: database, migrations, demo data, HTTP, jobs and sweeps. */
export async function startHaven(config: Config, options: { seedDemo?: boolean; log?: (line: string) => void } = {}): Promise<RunningHaven> {
  const log = options.log ?? (() => undefined);
  const database = await connectDatabase(config, { log });
  let built: BuiltApp | undefined;
  let runner: JobRunner | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  const stop = async () => {
    if (sweepTimer) clearInterval(sweepTimer);
    await runner?.stop();
    await built?.app.close();
    await database.close();
  };
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    const demo = options.seedDemo ? await seedDemo(database.db, demoSeeders, log) : { seeded: false, notes: [] };

    for (const sweep of featureSweeps) registerSweep(sweep);
    built = await buildApp({ db: database.db, config, embedded: database.embedded }, featureRoutes);
    await listen(built, config);
    if (config.jobsEnabled) {
      await requeueAbandonedJobs(database.db);
      runner = startJobRunner(database.db, featureJobs, { pollMs: config.jobPollMs, logger: built.app.log });
      sweepTimer = setInterval(() => {
        runSweeps(database.db, new Date()).catch((error: unknown) => built?.app.log.error({ err: String(error) }, 'sweep failed'));
      }, sweepIntervalMs);
      sweepTimer.unref();
    }
    const address = built.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    return { url: `http://${host}:${port}`, built, database, demoNotes: demo.notes, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function listen(built: BuiltApp, config: Config) {
  try {
    await built.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(`Port ${config.port} on ${config.host} is already in use. Stop the program using it, or start Haven on another port: PORT=3001 npm start`);
    }
    if (code === 'EACCES') throw new StartupError(`Haven may not listen on port ${config.port} (permission denied). Choose a port above 1024 with PORT.`);
    throw error;
  }
}
