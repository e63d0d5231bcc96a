import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { provideAuditKeyOnConnect } from '../audit/session-key.js';
import type { Config } from '../config.js';
import { loadInstallationKey } from '../secrets/installation-key.js';
import { DatabaseAvailability, registerAvailability } from './availability.js';
import { startEmbeddedPostgres, type EmbeddedCluster } from './embedded.js';
import type { Database } from './schema.js';
import { namingPool } from './named-statements.js';
import { registerConnectionUrl } from './notifications.js';

// `date` columns stay ISO strings: a JS Date at local midnight shifts birthdays across time zones.
pg.types.setTypeParser(1082, (value) => value);
// bigint ids and counts arrive as strings by default; ids stay strings, counts are cast in SQL.

export interface Db {
  db: Kysely<Database>;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedCluster | undefined;
  /** Connection losses seen by the pool and its clients (see availability.ts). */
  availability: DatabaseAvailability;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
}

/**
 * Opens the database as its OWNER (the role that runs migrations: the embedded cluster's, or
 * DATABASE_OWNER_URL, else DATABASE_URL); the API then connects as the application role
 * (`connectAppDatabase`, app-role.ts). Loads the installation key first: every pool hands the
 * audit chain key to its connections.
 */
export async function connectDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseOwnerUrl' | 'dataDir' | 'embeddedPgPort'>,
  options: { log?: (line: string) => void; poolSize?: number; leaveRunningIfReused?: boolean } = {},
): Promise<Db> {
  await loadInstallationKey(config.dataDir, { log: options.log });
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        database: 'haven',
        log: options.log,
        leaveRunningIfReused: options.leaveRunningIfReused,
      });
  const url = config.databaseUrl ? (config.databaseOwnerUrl ?? config.databaseUrl) : embedded!.url;
  try {
    return await openPool(url, embedded, options.poolSize);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export async function openPool(url: string, embedded?: EmbeddedCluster, poolSize = 20): Promise<Db> {
  // keepAlive: a server that vanished without closing its sockets is noticed instead of awaited forever.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const availability = new DatabaseAvailability();
  const lost = (error: unknown) => availability.lost(error);
  // A client losing its connection emits 'error': the pool listens only while the client is idle,
  // and an 'error' nobody listens to ends the process. Every client gets a listener for its whole
  // life; one that errored is not queryable, so the pool drops it when it is released and the
  // next query connects anew.
  pool.on('connect', (client) => client.on('error', lost));
  pool.on('error', lost);
  provideAuditKeyOnConnect(pool);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnreachableError(
      `Cannot reach PostgreSQL at ${redactUrl(url)}: ${connectionProblem(error, embedded)}`,
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingPool(pool) }) });
  registerAvailability(db, availability);
  registerConnectionUrl(db, url);
  return {
    db,
    pool,
    url,
    embedded,
    availability,
    close: async () => {
      await db.destroy();
      // Kysely ends the pool only if it ran a query itself; a pool used directly (backup,
      // restore) would otherwise keep the process alive until its idle clients time out.
      if (!pool.ending && !pool.ended) await pool.end();
      await embedded?.stop();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Why a connection failed, in one line with what to do. `pg` rejects with an AggregateError whose
 * message is empty when every address of a host refuses (e.g. localhost on ::1 and 127.0.0.1),
 * and server errors carry their SQLSTATE in `code`.
 */
export function connectionProblem(error: unknown, embedded?: EmbeddedCluster): string {
  const fix = embedded
    ? 'Run `haven stop-db` and start Haven again.'
    : 'Start that PostgreSQL, or correct DATABASE_URL.';
  const reasons = error instanceof AggregateError && error.errors.length > 0 ? error.errors : [error];
  const codes = reasons
    .map((reason) => (reason as { code?: unknown } | undefined)?.code)
    .filter((code): code is string => typeof code === 'string');
  const messages = [
    ...new Set(reasons.map((reason) => (reason instanceof Error ? reason.message : String(reason))).filter(Boolean)),
  ];
  const detail = messages.join('; ') || codes.join(', ') || 'no reason given';
  const code = codes[0];
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing is listening there (${detail}). ${fix}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name cannot be resolved (${detail}). Correct the host in DATABASE_URL.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `the server does not answer (${detail}). Check the host, port and firewall in DATABASE_URL.`;
    case '28P01':
    case '28000':
      return `the user name or password was refused (${detail}). Correct the credentials in DATABASE_URL.`;
    case '3D000':
      return `${detail}. Create the database (createdb) or correct its name in DATABASE_URL.`;
    case '57P03':
      return `the server is starting up or shutting down (${detail}). Try again in a moment.`;
    default:
      if (/timeout/i.test(detail)) return `the server did not answer in time (${detail}). ${fix}`;
      return `${detail}. ${fix}`;
  }
}
