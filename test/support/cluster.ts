import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPool } from '../../src/platform/db/connect.js';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from '../../src/platform/db/embedded.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

export const templateDatabase = 'haven_template';

export interface TestCluster {
  /** URL of a maintenance database (`postgres`) with the right to create databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * One PostgreSQL for the whole run: the embedded one in a temporary folder, or the server named
 * by TEST_DATABASE_URL (CI points that at the machine's PostgreSQL 15 to keep our SQL portable).
 */
export async function startTestCluster(): Promise<TestCluster> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { adminUrl: external, stop: async () => undefined };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haven-test-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const cluster = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
  return {
    adminUrl: cluster.url,
    stop: async () => {
      await stopEmbeddedPostgres(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The migrated template every test database is cloned from. */
export async function buildTemplate(adminUrl: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${templateDatabase}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${templateDatabase}`);
  const template = await openPool(databaseUrl(adminUrl, templateDatabase), undefined, 2);
  try {
    await migrateToLatest(template.db);
  } finally {
    await template.close();
  }
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
