import { readFile } from 'node:fs/promises';
import pg from 'pg';
import type { DemoCredentials } from '../../src/demo/credentials.js';
import { seedDemo } from '../../src/demo/seed.js';
import { encryptPlainTotpSecrets } from '../../src/platform/auth/totp-secret.js';
import { openPool } from '../../src/platform/db/connect.js';
import { loadFeatures } from '../../src/server.js';
import { databaseUrl, demoTemplateDatabase, templateDatabase } from './cluster.js';

// Any fixed number: the advisory lock under which one process builds the demo template while the others wait.
const demoTemplateLock = 7_313_001;

/**
 * The Jingzhou demo seeded once into `haven_template_demo`, which test files clone. The global setup
 * builds it before the first file when the run has a file that uses it (beside the web build); a
 * file that asks for it otherwise builds it then. Usable outside a test worker (no `inject`).
 */
export async function ensureDemoTemplate(adminUrl: string, credentials: DemoCredentials): Promise<void> {
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
      await seedDemo(database.db, (await loadFeatures()).demoSeeders, undefined, { credentials });
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

// What a test file that clones the demo says (test/support/server.ts, demo-database.ts); every
// browser journey does, through its helpers.
const usesDemo = /demo: true|createDemoDatabase\(|startServer\(|use(Cases|Registry)?Suite\(/;

/** Does any of these test files clone the demo? */
export async function anyUsesDemo(files: string[]): Promise<boolean> {
  for (const file of files) {
    // Against a running Haven (HAVEN_E2E_URL) the journeys use its demo, not a clone.
    if (file.includes('/test/e2e/')) {
      if (process.env.HAVEN_E2E_URL) continue;
      return true;
    }
    if (usesDemo.test(await readFile(file, 'utf8').catch(() => ''))) return true;
  }
  return false;
}
