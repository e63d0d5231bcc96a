import pg from 'pg';
import { inject } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { loadFeatures } from '../../src/server.js';
import { encryptPlainTotpSecrets } from '../../src/platform/auth/totp-secret.js';
import { openPool } from '../../src/platform/db/connect.js';
import { databaseUrl, demoTemplateDatabase, templateDatabase } from './cluster.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testDemoCredentials } from './demo-credentials.js';

// Any fixed number: the advisory lock that lets one test file build the demo template while the others wait.
const demoTemplateLock = 7_313_001;

/**
 * A fresh database holding the Jingzhou demo, seeded with the run's test credentials. Seeding the
 * demo (3,000 children) took longer than everything else a typical test file did; it is now done
 * once per run, into a template that each file clones like the empty one.
 */
export async function createDemoDatabase(): Promise<TestDatabase> {
  await ensureDemoTemplate(inject('adminUrl'));
  return createTestDatabase(demoTemplateDatabase);
}

async function ensureDemoTemplate(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [demoTemplateLock]);
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [demoTemplateDatabase]);
    if (existing.rowCount) return;
    // Built under another name and renamed when complete: a file that dies half-way leaves no template.
    const building = `${demoTemplateDatabase}_building`;
    await client.query(`DROP DATABASE IF EXISTS ${building}`);
    await client.query(`CREATE DATABASE ${building} TEMPLATE ${templateDatabase}`);
    const database = await openPool(databaseUrl(adminUrl, building), undefined, 2);
    try {
      await seedDemo(database.db, (await loadFeatures()).demoSeeders, undefined, { credentials: testDemoCredentials });
      // As `haven serve` does after seeding: no TOTP secret stays in clear.
      await encryptPlainTotpSecrets(database.db);
    } finally {
      await database.close();
    }
    await client.query(`ALTER DATABASE ${building} RENAME TO ${demoTemplateDatabase}`);
  } finally {
    await client.end();
  }
}
