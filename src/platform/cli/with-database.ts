import { loadConfig } from '../config.js';
import { connectDatabase, type Db } from '../db/connect.js';
import { progress } from './output.js';

/**
 * Opens the configured database for one command. An embedded cluster it had to start is stopped
 * after; one that was already running (a Haven serving from it) is left running.
 */
export async function withDatabase<T>(fn: (database: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Six: `haven import` keeps two batch transactions open while it checks the next batch and marks audits durable.
  const database = await connectDatabase(config, { log: progress, poolSize: 6, leaveRunningIfReused: true });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
