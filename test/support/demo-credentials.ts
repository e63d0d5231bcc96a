import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type DemoCredentials, totpCodeOf } from '../../src/demo/credentials.js';
import { type RunCredentials, runCredentials } from './run-credentials.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Drawn at random by the global setup for each run (test/support/global-setup.ts). */
    demoCredentials: RunCredentials;
  }
}

/**
 * The credentials the test support seeds its demo with (`startTestServer({ demo: true })`): random
 * for every run, like a real installation, and the same in every test file of the run, because the
 * demo is seeded once into a template that the files clone. Against a running Haven (HAVEN_E2E_URL),
 * HAVEN_E2E_DEMO_CREDENTIALS names the file `npm run --silent haven -- demo credentials --json` wrote there.
 */
export const testDemoCredentials: DemoCredentials =
  credentialsFile(process.env.HAVEN_E2E_DEMO_CREDENTIALS) ?? runCredentials(inject('demoCredentials'));

export const demoPassword = testDemoCredentials.password;

export function demoTotpCode(username: string, at = Date.now()): Promise<string> {
  return totpCodeOf(testDemoCredentials.totpSecret(username), at);
}

function credentialsFile(file: string | undefined): DemoCredentials | undefined {
  if (!file) return undefined;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as {
    password: string;
    accounts: { username: string; totpSecret: string | null }[];
  };
  const secrets = new Map(stored.accounts.map((a) => [a.username, a.totpSecret]));
  return {
    password: stored.password,
    totpSecret(username) {
      const secret = secrets.get(username);
      if (!secret) throw new Error(`${file} has no authenticator secret for ${username}`);
      return secret;
    },
  };
}
