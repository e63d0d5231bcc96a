import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { startEmbeddedPostgres, type EmbeddedCluster } from './embedded.js';
import type { Database } from './schema.js';

// `date` columns stay ISO strings: a JS Date at local midnight shifts birthdays across time zones.
pg.types.setTypeParser(1082, (value) => value);
// bigint ids and counts arrive as strings by default; ids stay strings, counts are cast in SQL.

export interface Db {
  db: Kysely<Database>;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedCluster | undefined;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
}

export async function connectDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>,
  options: { log?: (line: string) => void; poolSize?: number } = {},
): Promise<Db> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'haven', log: options.log });
  const url = config.databaseUrl ?? embedded!.url;
  try {
    return await openPool(url, embedded, options.poolSize);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export async function openPool(url: string, embedded?: EmbeddedCluster, poolSize = 20): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnreachableError(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    url,
    embedded,
    close: async () => {
      await db.destroy();
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
