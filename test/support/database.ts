import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openPool } from '../../src/platform/db/connect.js';
import { adminQuery, databaseUrl, templateDatabase } from './cluster.js';

export interface TestDatabase extends Db {
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: cheap, isolated, real PostgreSQL. */
export async function createTestDatabase(template: string = templateDatabase): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `haven_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const database = await openPool(databaseUrl(adminUrl, name), undefined, 10);
  return {
    ...database,
    name,
    drop: async () => {
      await database.close();
      if (process.env.HAVEN_INDEX_USAGE_LOG) await logIndexUsage(databaseUrl(adminUrl, name));
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * With HAVEN_INDEX_USAGE_LOG set, how often each index of the children table was read in this
 * test database (one JSON line per database), to tell the indexes the tests' queries use.
 */
async function logIndexUsage(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ index: string; scans: string }>(
      `SELECT indexrelname AS index, idx_scan::text AS scans FROM pg_stat_user_indexes WHERE relname = 'children'`,
    );
    const line = JSON.stringify(Object.fromEntries(rows.map((r) => [r.index, Number(r.scans)])));
    await appendFile(process.env.HAVEN_INDEX_USAGE_LOG!, `${line}\n`);
  } finally {
    await client.end();
  }
}

/** An empty database (not migrated), for migration and restore tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const name = `haven_e_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
