import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FeatureManifest } from './core/feature.js';
import type { InboxContribution } from './core/inbox/contribution.js';
import { registerInboxContributions } from './core/inbox/registry.js';
import { demoSeeders } from './demo/index.js';
import { demoAtStart } from './demo/seed.js';
import { encryptPlainTotpSecrets } from './platform/auth/totp-secret.js';
import type { Config } from './platform/config.js';
import { connectAppDatabase } from './platform/db/app-role.js';
import { connectDatabase, type Db } from './platform/db/connect.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { type BuiltApp, buildApp, type FeatureRoutes } from './platform/http/app.js';
import { auditCheckpointSweep, idempotencyExpirySweep, jobCleanupSweep } from './platform/jobs/platform-sweeps.js';
import { registerSweep, roundStart, runScheduledSweeps, type Sweep } from './platform/jobs/sweeps.js';
import { type JobHandler, type JobRunner, requeueAbandonedJobs, startJobRunner } from './platform/jobs/worker.js';
import { assertInstallationKeyMatches } from './platform/secrets/key-fingerprint.js';
import type { DemoSeeder } from './platform/seed.js';

/*
 * The composition root: platform machinery, core mechanisms and every feature, put together.
 * Features are found, not listed: each folder of src/features has a feature.ts exporting its
 * manifest (src/core/feature.ts), so adding a feature edits no shared file.
 */

/** Everything the features contribute, gathered from their manifests in a fixed order. */
export interface Features {
  manifests: readonly FeatureManifest[];
  routes: readonly FeatureRoutes[];
  /** The platform's own sweeps first, then the features'. */
  sweeps: readonly Sweep[];
  jobs: ReadonlyMap<string, JobHandler>;
  demoSeeders: readonly DemoSeeder[];
  inbox: readonly InboxContribution[];
}

const featuresFolder = fileURLToPath(new URL('./features/', import.meta.url));
let loading: Promise<Features> | undefined;

/** Finds every feature once per process and hands the inbox its contributions. */
export function loadFeatures(): Promise<Features> {
  loading ??= (async () => {
    const manifests = orderManifests(await discoverManifests());
    const jobs = new Map<string, JobHandler>();
    for (const manifest of manifests) {
      for (const [kind, handler] of Object.entries(manifest.jobs ?? {})) {
        if (jobs.has(kind)) throw new StartupError(`Two features handle the job kind ${kind}.`);
        jobs.set(kind, handler);
      }
    }
    const features: Features = {
      manifests,
      routes: manifests.flatMap((manifest) => manifest.routes ?? []),
      sweeps: [idempotencyExpirySweep, jobCleanupSweep, ...manifests.flatMap((manifest) => manifest.sweeps ?? [])],
      jobs,
      demoSeeders,
      inbox: manifests.flatMap((manifest) => manifest.inbox ?? []),
    };
    registerInboxContributions(features.inbox);
    return features;
  })();
  return loading;
}

async function discoverManifests(): Promise<FeatureManifest[]> {
  const folders = (await readdir(featuresFolder, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const manifests: FeatureManifest[] = [];
  for (const folder of folders) {
    // feature.ts under tsx and in tests; feature.js if the tree is ever compiled.
    const file = ['feature.ts', 'feature.js']
      .map((name) => path.join(featuresFolder, folder, name))
      .find((candidate) => existsSync(candidate));
    if (!file) throw new StartupError(`src/features/${folder} has no feature.ts: every feature declares what it adds.`);
    const { feature } = (await import(pathToFileURL(file).href)) as { feature?: FeatureManifest };
    if (feature?.name !== folder)
      throw new StartupError(`src/features/${folder}/feature.ts must export \`feature\` named '${folder}'.`);
    manifests.push(feature);
  }
  return manifests;
}

/** By name, except that a feature waits for the features it names in `after`. */
export function orderManifests(manifests: readonly FeatureManifest[]): FeatureManifest[] {
  const names = new Set(manifests.map((manifest) => manifest.name));
  for (const manifest of manifests) {
    const unknown = (manifest.after ?? []).find((name) => !names.has(name));
    if (unknown) throw new StartupError(`Feature ${manifest.name} comes after ${unknown}, which does not exist.`);
  }
  const waiting = [...manifests].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ordered: FeatureManifest[] = [];
  const placed = new Set<string>();
  while (waiting.length > 0) {
    // The first by name whose predecessors are all placed.
    const next = waiting.findIndex((manifest) => (manifest.after ?? []).every((name) => placed.has(name)));
    if (next === -1)
      throw new StartupError(`The features' \`after\` lists form a cycle: ${waiting.map((m) => m.name).join(', ')}.`);
    const [manifest] = waiting.splice(next, 1);
    if (!manifest) break;
    placed.add(manifest.name);
    ordered.push(manifest);
  }
  return ordered;
}

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

/** Starts everything `npm start` needs: database, migrations, demo data (when asked), HTTP, jobs and sweeps. */
export async function startHaven(
  config: Config,
  options: { seedDemo?: boolean; log?: (line: string) => void } = {},
): Promise<RunningHaven> {
  const log = options.log ?? (() => undefined);
  // Migrations and start-up chores run as the owner; the API as the application role (app-role.ts).
  const owner = await connectDatabase(config, { log });
  let database: Db = owner;
  const supervisor = owner.embedded?.supervise(log);
  let lossLogged = 0;
  const onLoss = (error: unknown) => {
    supervisor?.nudge();
    // One line per outage, not one per dropped connection.
    if (Date.now() - lossLogged < 30_000) return;
    lossLogged = Date.now();
    log(`The database connection was lost (${lossReason(error)}); requests get 503 with Retry-After until it is back.`);
  };
  const lossWatchers = [owner.availability.onLost(onLoss)];
  const stopWatchingLosses = () => {
    for (const stopWatching of lossWatchers) stopWatching();
  };
  let built: BuiltApp | undefined;
  let runner: JobRunner | undefined;
  let sweeps: SweepSchedule | undefined;
  let stopped: Promise<void> | undefined;
  // Each part is stopped even when an earlier one fails; the database (and the embedded
  // PostgreSQL) last. Calling stop() again returns the same promise.
  const stop = () =>
    (stopped ??= (async () => {
      stopWatchingLosses();
      const failures: unknown[] = [];
      await sweeps?.stop().catch((error: unknown) => failures.push(error));
      await runner?.stop().catch((error: unknown) => failures.push(error));
      await built?.app.close().catch((error: unknown) => failures.push(error));
      await database.close().catch((error: unknown) => failures.push(error));
      if (failures.length > 0)
        throw new StartupError(`Haven did not stop cleanly: ${failures.map(errorLine).join('; ')}`);
    })());
  try {
    const applied = await migrateToLatest(owner.db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    await assertInstallationKeyMatches(owner.db);
    // Secure by default: demo accounts are served only from a database marked as a demo.
    const features = await loadFeatures();
    const demo = await demoAtStart(owner.db, features.demoSeeders, { seed: options.seedDemo ?? false, log });
    if (demo.refusal) throw new StartupError(demo.refusal);
    const sealed = await encryptPlainTotpSecrets(owner.db);
    if (sealed > 0) log(`Encrypted ${sealed} TOTP secret${sealed === 1 ? '' : 's'} stored in clear.`);
    database = await connectAppDatabase(config, owner, { log });
    if (database.availability !== owner.availability) lossWatchers.push(database.availability.onLost(onLoss));

    for (const sweep of features.sweeps) registerSweep(sweep);
    registerSweep(auditCheckpointSweep(config.auditCheckpointFile ?? `${config.dataDir}/audit-checkpoints.jsonl`));
    try {
      built = await buildApp({ db: database.db, config, embedded: database.embedded }, features.routes);
    } catch (error) {
      // A plugin or route that fails to register (Fastify may wrap it, or it may carry no message).
      throw new StartupError(`The HTTP server could not be set up: ${errorLine(error)}`, { cause: error });
    }
    await listen(built, config);
    if (config.jobsEnabled) {
      await requeueAbandonedJobs(database.db);
      runner = startJobRunner(database.db, features.jobs, { pollMs: config.jobPollMs, logger: built.app.log });
      sweeps = scheduleSweeps(database.db, config.sweepIntervalSeconds * 1000, built.app.log);
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

interface SweepSchedule {
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

/**
 * Ticks on the epoch-aligned boundaries of the interval (every process sharing the database ticks
 * at the same moments) and runs the round as of its boundary, unless another process already has.
 */
function scheduleSweeps(db: Db['db'], intervalMs: number, logger: BuiltApp['app']['log']): SweepSchedule {
  let timer: NodeJS.Timeout | undefined;
  let inProgress: Promise<void> = Promise.resolve();
  let stopping = false;
  const next = () => {
    if (stopping) return;
    timer = setTimeout(tick, intervalMs - (Date.now() % intervalMs));
    timer.unref();
  };
  const tick = () => {
    const round = roundStart(new Date(), intervalMs);
    inProgress = runScheduledSweeps(db, round)
      .then((outcome) =>
        logger.info(
          { round: round.toISOString(), outcome: typeof outcome === 'string' ? outcome : 'ran' },
          'sweep round',
        ),
      )
      .catch((error: unknown) => logger.error({ err: String(error) }, 'sweep failed'))
      .finally(next);
  };
  next();
  return {
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      await inProgress;
    },
  };
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
    if (code === 'EACCES')
      throw new StartupError(
        `Haven may not listen on port ${config.port} (permission denied). Choose a port above 1024 with PORT.`,
      );
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new StartupError(
        `Haven cannot listen on HOST=${config.host} (${code}): it is not an address of this machine. Use 127.0.0.1, 0.0.0.0 or one of this machine's addresses.`,
      );
    }
    throw new StartupError(`Haven cannot listen on ${config.host}:${config.port}: ${errorLine(error)}`, {
      cause: error,
    });
  }
}

function lossReason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

function errorLine(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length > 0)
    return error.errors.map(errorLine).join('; ');
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
