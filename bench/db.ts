import path from 'node:path';
import { sql } from 'kysely';
import { connectDatabase, type Db } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/**
 * The benchmark's own database: BENCH_DATABASE_URL when set, otherwise an embedded cluster under
 * data/bench on its own port, so a benchmark never touches the test cluster or the demo that
 * `npm start` runs (DATABASE_URL is deliberately not used: it may be someone's real database).
 */
export const benchDataDir = path.resolve(process.env.HAVEN_BENCH_DATA_DIR ?? 'data/bench');
export const benchPgPort = Number(process.env.HAVEN_BENCH_PG_PORT ?? 54339);

export async function openBenchDatabase(options: { poolSize?: number; log?: (line: string) => void; fresh?: boolean } = {}): Promise<Db> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const database = await connectDatabase({ databaseUrl, dataDir: benchDataDir, embeddedPgPort: benchPgPort }, { poolSize: options.poolSize ?? 8, log: options.log });
  try {
    if (options.fresh) {
      // Everything the benchmark made goes: the data set is rebuilt from its seed.
      await sql`DROP SCHEMA public CASCADE`.execute(database.db);
      await sql`CREATE SCHEMA public`.execute(database.db);
    }
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) options.log?.(`Applied ${applied.length} migrations (${applied.at(-1)})`);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
