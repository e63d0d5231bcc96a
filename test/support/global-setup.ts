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
  await buildTemplate(cluster.adminUrl);
  project.provide('adminUrl', cluster.adminUrl);
  await buildWebIfStale();
  return async () => {
    await cluster.stop();
  };
}
