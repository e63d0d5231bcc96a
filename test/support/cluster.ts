import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPool } from '../../src/platform/db/connect.js';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from '../../src/platform/db/embedded.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

export const templateDatabase = 'haven_template';
/** The template with the Jingzhou demo seeded, built by the first test file that asks for it. */
export const demoTemplateDatabase = 'haven_template_demo';

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
  // A throw-away cluster need not survive a power cut: no fsync saves a disk flush on every commit
  // and on every CREATE DATABASE, which on a busy disk was most of a test file's database time.
  // synchronous_commit stays on: a commit still waits until its WAL is written and "flushed" (a
  // no-op without fsync), which the audit group commit's durability test observes.
  for (const setting of ['fsync', 'full_page_writes']) {
    await adminQuery(cluster.url, `ALTER SYSTEM SET ${setting} = off`);
  }
  await adminQuery(cluster.url, 'SELECT pg_reload_conf()');
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
  // A demo template left by an earlier run (TEST_DATABASE_URL) holds that run's credentials.
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${demoTemplateDatabase}`);
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
