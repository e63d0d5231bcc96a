import type { TestProject } from 'vitest/node';
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
    await buildTemplate(cluster.adminUrl);
    await buildWebIfStale();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('adminUrl', cluster.adminUrl);
  return async () => {
    await cluster.stop();
  };
}
