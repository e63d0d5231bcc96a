import { loadConfig } from '../platform/config.js';
import { connectDatabase, type Db } from '../platform/db/connect.js';
import { progress } from './output.js';

/** Opens the configured database for one command; an embedded cluster it had to start is stopped after. */
export async function withDatabase<T>(fn: (database: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await connectDatabase(config, { log: progress, poolSize: 4 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
