import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/database.js';
import { demoChoiceFromArgs } from '../../src/cli/serve.js';
import { expectOneLineFailure, type HavenHome, havenHome } from './haven-cli.js';

// The demo and a PostgreSQL server (DATABASE_URL), through the real `haven` command.
let home: HavenHome;
const dropped: (() => Promise<void>)[] = [];
beforeAll(async () => {
  home = await havenHome();
});
afterAll(async () => {
  await home.cleanup();
  await Promise.all(dropped.map((drop) => drop()));
});

async function emptyDatabase(): Promise<string> {
  const created = await createEmptyDatabase();
  dropped.push(created.drop);
  return created.url;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('the demo and a DATABASE_URL server', { timeout: 360_000 }, () => {
  it('`haven` and `haven serve` without a flag seed no demo into a server database', async () => {
    const url = await emptyDatabase();
    for (const args of [[], ['serve']]) {
      const serving = await home.serve({ args, env: { DATABASE_URL: url } });
      expect(serving.stdout()).not.toMatch(/Demo sign-in/);
      expect((await serving.stop('SIGTERM')).code).toBe(0);
      expect(await query(url, 'SELECT username FROM users'), `haven ${args.join(' ')}`).toEqual([]);
    }
  });

  it('`npm start` seeds the demo on the embedded database only, unless told', () => {
    expect(demoChoiceFromArgs([], 'if-embedded')).toBe('if-embedded');
    expect(demoChoiceFromArgs(['--no-demo'], 'if-embedded')).toBe(false);
    expect(demoChoiceFromArgs(['--demo'], false)).toBe(true);
  });

  it('`haven serve --demo` seeds a demo with random sign-ins, shown once, then by `demo credentials` and `demo totp`', async () => {
    const url = await emptyDatabase();
    const serving = await home.serve({ args: ['serve', '--demo'], env: { DATABASE_URL: url } });
    const password = /Password of every demo account \(random, this installation only\): (\S+)/.exec(
      serving.stdout(),
    )?.[1];
    expect((await serving.stop('SIGTERM')).code).toBe(0);
    expect(password).toMatch(/^demo-/);
    const credentials = await home.run(['demo', 'credentials', '--json'], { env: { DATABASE_URL: url } });
    expect(credentials.code, credentials.stderr).toBe(0);
    const stored = JSON.parse(credentials.stdout) as {
      password: string;
      accounts: { username: string; totpSecret: string | null }[];
    };
    expect(stored.password).toBe(password);
    expect(stored.accounts.find((a) => a.username === 'officer.city')?.totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    const totp = await home.run(['demo', 'totp', 'officer.city'], { env: { DATABASE_URL: url } });
    expect(totp.stdout.trim()).toMatch(/^\d{6}$/);
  });

  it('`haven serve` refuses a database with demo accounts that is not marked as a demo; `demo remove-accounts` clears it', async () => {
    const url = await emptyDatabase();
    expect((await home.run(['seed', '--demo'], { env: { DATABASE_URL: url } })).code).toBe(0);
    // What an older Haven left: the same accounts, no mark.
    await query(url, 'DELETE FROM demo_accounts; DELETE FROM demo_installation');
    const refused = await home.run(['serve'], { env: { DATABASE_URL: url } });
    expect(expectOneLineFailure(refused)).toMatch(
      /16 demo account\(s\) .* not marked as a demo database.*npm run haven -- demo remove-accounts/,
    );
    const removed = await home.run(['demo', 'remove-accounts'], { env: { DATABASE_URL: url } });
    expect(removed.stdout).toMatch(/Disabled 16 demo account\(s\)/);
    const serving = await home.serve({ args: ['serve'], env: { DATABASE_URL: url } });
    await serving.stop('SIGTERM');
  });
});
