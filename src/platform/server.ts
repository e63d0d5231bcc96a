import type { Config } from './config.js';
import { connectDatabase, type Db } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp, type BuiltApp } from './http/app.js';
import { registerSweep, runSweeps } from './jobs/sweeps.js';
import { requeueAbandonedJobs, startJobRunner, type JobRunner } from './jobs/worker.js';
import { seedDemo } from './seed.js';
import { demoSeeders, featureJobs, featureRoutes, featureSweeps } from '../features/index.js';
import { findUnmarkedDemoAccounts, unmarkedDemoAccountsMessage } from '../demo/accounts.js';
import { demoStoredNote } from '../demo/notes.js';
import { isDemoDatabase } from '../demo/store.js';

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

/** Starts everything `npm start` needs: database, migrations, demo data (when asked), HTTP, jobs and sweeps. */
export async function startHaven(config: Config, options: { seedDemo?: boolean; log?: (line: string) => void } = {}): Promise<RunningHaven> {
  const log = options.log ?? (() => undefined);
  const database = await connectDatabase(config, { log });
  let built: BuiltApp | undefined;
  let runner: JobRunner | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | undefined;
  // Each part is stopped even when an earlier one fails; the database (and the embedded
  // PostgreSQL) last. Calling stop() again returns the same promise.
  const stop = () =>
    (stopped ??= (async () => {
      if (sweepTimer) clearInterval(sweepTimer);
      const failures: unknown[] = [];
      await runner?.stop().catch((error: unknown) => failures.push(error));
      await built?.app.close().catch((error: unknown) => failures.push(error));
      await database.close().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw new StartupError(`Haven did not stop cleanly: ${failures.map(errorLine).join('; ')}`);
    })());
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    const demo = options.seedDemo ? await seedDemo(database.db, demoSeeders, log) : { seeded: false, notes: (await isDemoDatabase(database.db)) ? [demoStoredNote] : [] };
    // Secure by default: demo accounts are served only from a database marked as a demo.
    const unmarked = await findUnmarkedDemoAccounts(database.db);
    if (unmarked.length > 0) throw new StartupError(unmarkedDemoAccountsMessage(unmarked));

    for (const sweep of featureSweeps) registerSweep(sweep);
    try {
      built = await buildApp({ db: database.db, config, embedded: database.embedded }, featureRoutes);
    } catch (error) {
      // A plugin or route that fails to register (Fastify may wrap it, or it may carry no message).
      throw new StartupError(`The HTTP server could not be set up: ${errorLine(error)}`, { cause: error });
    }
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
      throw new StartupError(
        `Port ${config.port} on ${config.host} is already in use by another program. Stop that program, or start Haven on another port, e.g. PORT=${config.port === 65535 ? 3001 : config.port + 1}.`,
      );
    }
    if (code === 'EACCES') throw new StartupError(`Haven may not listen on port ${config.port} (permission denied). Choose a port above 1024 with PORT.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new StartupError(`Haven cannot listen on HOST=${config.host} (${code}): it is not an address of this machine. Use 127.0.0.1, 0.0.0.0 or one of this machine's addresses.`);
    }
    throw new StartupError(`Haven cannot listen on ${config.host}:${config.port}: ${errorLine(error)}`, { cause: error });
  }
}

function errorLine(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length > 0) return error.errors.map(errorLine).join('; ');
  if (!(error instanceof Error)) return `unexpected failure (${String(error)})`;
  const code = (error as NodeJS.ErrnoException).code;
  const text = error.message.trim().split(/\r?\n/).join(' | ');
  if (text) return text;
  if (error.cause !== undefined) return `${error.name} without a message: ${errorLine(error.cause)}`;
  // No message at all: say where it was thrown, the first frame in Haven's own code.
  const frame = (error.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => /\(?((?:file:\/\/)?\/[^()\s]+:\d+:\d+)\)?\s*$/.exec(line.trim())?.[1])
    .find((location) => location !== undefined && !location.includes('/node_modules/'));
  return `${code ? `${error.name} ${code}` : `${error.name} without a message`}${frame ? `, thrown at ${frame.replace(/^file:\/\//, '')}` : ''}`;
}
