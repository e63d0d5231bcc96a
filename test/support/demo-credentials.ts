import { readFileSync } from 'node:fs';
import { type DemoCredentials, randomDemoCredentials, totpCodeOf } from '../../src/demo/credentials.js';

/**
 * The credentials the test support seeds its demo with (`startTestServer({ demo: true })`): random
 * for every test file, like a real installation, and known only to the tests of that file, which
 * run in the process that seeded them. Against a running Haven (HAVEN_E2E_URL),
 * HAVEN_E2E_DEMO_CREDENTIALS names the file `npm run --silent haven -- demo credentials --json` wrote there.
 */
export const testDemoCredentials: DemoCredentials =
  credentialsFile(process.env.HAVEN_E2E_DEMO_CREDENTIALS) ?? randomDemoCredentials();

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
