import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openPool, type Db } from '../src/platform/db/connect.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { loadInstallationKey } from '../src/platform/secrets/installation-key.js';

/**
 * The benchmark's own database: BENCH_DATABASE_URL when set, otherwise an embedded cluster under
 * data/bench on its own port, so a benchmark never touches the test cluster or the demo that
 * `npm start` runs (DATABASE_URL is deliberately not used: it may be someone's real database).
 *
 * `bench:data` leaves a pristine copy beside the working database (`<name>_pristine`); every
 * `bench` run starts from a fresh copy of it, because benchmarks write (the import adds 100k
 * children, the sweeps raise alerts) and a second run must measure the same thing as the first.
 */
export const benchDataDir = path.resolve(process.env.HAVEN_BENCH_DATA_DIR ?? 'data/bench');
export const benchPgPort = Number(process.env.HAVEN_BENCH_PG_PORT ?? 54339);

const pristineName = (database: string) => `${database}_pristine`;

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withMaintenance<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A pristine copy made before a new migration is brought up to date once, not in every run's copy. */
async function migratePristine(url: string, database: string, log?: (line: string) => void): Promise<void> {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(pristineName(database))}`;
  const pristine = await openPool(parsed.toString(), undefined, 2);
  try {
    const applied = await migrateToLatest(pristine.db);
    if (applied.length > 0)
      log?.(`Applied ${applied.length} migrations to ${pristineName(database)} (${applied.at(-1)})`);
  } finally {
    await pristine.close();
  }
}

async function copyDatabase(client: pg.Client, from: string, to: string): Promise<void> {
  await client.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
    [[from, to]],
  );
  await client.query(`DROP DATABASE IF EXISTS ${quoted(to)}`);
  await client.query(`CREATE DATABASE ${quoted(to)} TEMPLATE ${quoted(from)} STRATEGY FILE_COPY`);
}

export async function openBenchDatabase(
  options: { poolSize?: number; log?: (line: string) => void; fresh?: boolean; fromPristine?: boolean } = {},
): Promise<Db> {
  // Every pool hands the audit chain key to its connections (migration 0022): load it first.
  await loadInstallationKey(benchDataDir, { log: options.log });
  const embedded = process.env.BENCH_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: benchDataDir, port: benchPgPort, database: 'haven', log: options.log });
  const url = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  const database = databaseOf(url);
  try {
    if (options.fresh) {
      await withMaintenance(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(pristineName(database))}`));
    } else if (options.fromPristine) {
      const started = performance.now();
      const copied = await withMaintenance(url, async (client) => {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [pristineName(database)]);
        if (found.rowCount === 0) return false;
        await migratePristine(url, database, options.log);
        await copyDatabase(client, pristineName(database), database);
        return true;
      });
      if (copied)
        options.log?.(
          `Working database copied from ${pristineName(database)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  let opened: Db;
  try {
    opened = await openPool(url, embedded, options.poolSize ?? 8);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  try {
    if (options.fresh) {
      // Everything the benchmark made goes: the data set is rebuilt from its seed.
      await sql`DROP SCHEMA public CASCADE`.execute(opened.db);
      await sql`CREATE SCHEMA public`.execute(opened.db);
    }
    const applied = await migrateToLatest(opened.db);
    if (applied.length > 0) options.log?.(`Applied ${applied.length} migrations (${applied.at(-1)})`);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

/**
 * Ends `database`'s connections and keeps a pristine copy of it for `bench` runs to start from;
 * the embedded cluster (if any) is stopped afterwards.
 */
export async function closeKeepingPristine(database: Db): Promise<void> {
  await database.db.destroy();
  try {
    await withMaintenance(database.url, (client) =>
      copyDatabase(client, databaseOf(database.url), pristineName(databaseOf(database.url))),
    );
  } finally {
    await database.embedded?.stop();
  }
}
