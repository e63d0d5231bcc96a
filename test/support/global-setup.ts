import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { randomDemoPassword } from '../../src/demo/credentials.js';
import { buildTemplate, startTestCluster } from './cluster.js';
import { compileCli } from './compiled-cli.js';
import { anyUsesDemo, ensureDemoTemplate } from './demo-template.js';
import { runCredentials } from './run-credentials.js';
import { buildWebIfStale } from '../../scripts/web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    /** bin/haven.js over the transpiled sources, when the run spawns the CLI (test/cli); '' for the real one. */
    havenCliBin: string;
  }
}

export default async function setup(project: TestProject) {
  // The run's installation key (vitest.config.ts `env`, given to the workers, not to this process):
  // the demo template's audit entries must be keyed with the key the files will verify them under.
  const installationKey = project.config.env?.HAVEN_SECRET_KEY;
  if (installationKey) process.env.HAVEN_SECRET_KEY = installationKey;
  const cluster = await startTestCluster();
  let compiledCli: Awaited<ReturnType<typeof compileCli>> | undefined;
  const credentials = { password: randomDemoPassword(), secretSeed: randomBytes(32).toString('hex') };
  // The files of this run (Vitest's state API, experimental: without it the first file that needs
  // the demo seeds it, as before).
  const files = (() => {
    try {
      return project.vitest.state.getPaths();
    } catch {
      return [];
    }
  })();
  try {
    // Migrating the template and seeding the demo wait on PostgreSQL, building the web app on the
    // CPU: side by side. The demo is seeded here, before any file starts, when a file of the run
    // clones it: otherwise the first such file on each worker waited for it (both, at the start,
    // since the browser journeys go first).
    const spawnsCli = process.env.HAVEN_TEST_CLI !== 'tsx' && files.some((file) => file.includes('/test/cli/'));
    const [, , cli] = await Promise.all([
      buildTemplate(cluster.adminUrl).then(async () => {
        if (await anyUsesDemo(files)) await ensureDemoTemplate(cluster.adminUrl, runCredentials(credentials));
      }),
      buildWebIfStale(),
      spawnsCli ? compileCli() : undefined,
    ]);
    compiledCli = cli;
    project.provide('havenCliBin', cli?.bin ?? '');
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('adminUrl', cluster.adminUrl);
  project.provide('demoCredentials', credentials);
  return async () => {
    await cluster.stop();
    await compiledCli?.remove();
  };
}
