import { inject } from 'vitest';
import { demoTemplateDatabase } from './cluster.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testDemoCredentials } from './demo-credentials.js';
import { ensureDemoTemplate } from './demo-template.js';

/**
 * A fresh database holding the Jingzhou demo, seeded with the run's test credentials. Seeding the
 * demo (3,000 children) took longer than everything else a typical test file did; it is now done
 * once per run, into a template that each file clones like the empty one (test/support/demo-template.ts).
 */
export async function createDemoDatabase(): Promise<TestDatabase> {
  await ensureDemoTemplate(inject('adminUrl'), testDemoCredentials);
  return createTestDatabase(demoTemplateDatabase);
}
