import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { randomDemoPassword } from '../../src/demo/credentials.js';
import { buildTemplate, startTestCluster } from './cluster.js';
import { buildWebIfStale } from '../../scripts/web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  try {
    // Migrating the template waits on PostgreSQL, building the web app on the CPU: side by side.
    await Promise.all([buildTemplate(cluster.adminUrl), buildWebIfStale()]);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('adminUrl', cluster.adminUrl);
  project.provide('demoCredentials', { password: randomDemoPassword(), secretSeed: randomBytes(32).toString('hex') });
  return async () => {
    await cluster.stop();
  };
}
