import type { Kysely } from 'kysely';
import { systemActor } from './access/actor.js';
import type { Database } from './db/schema.js';
import { unitOfWork, type UnitOfWork } from './db/unit-of-work.js';
import { readSetting } from './settings.js';
import { findUnmarkedDemoAccounts, rekeyDemoAccounts } from '../demo/accounts.js';
import { type DemoCredentials, randomDemoCredentials } from '../demo/credentials.js';
import { demoSignInNotes, demoStoredNote } from '../demo/notes.js';
import { type DemoAccount, isDemoDatabase, recordDemoInstallation } from '../demo/store.js';

/** What every demo seeder shares: this installation's credentials, and the accounts made so far. */
export interface DemoSeedContext {
  credentials: DemoCredentials;
  /** Each seeder adds the accounts it creates; they are stored with the demo's mark. */
  accounts: DemoAccount[];
}

/** A feature's part of the demo; runs in order, each through the unit of work like any change. */
export interface DemoSeeder {
  name: string;
  seed(uow: UnitOfWork, log: (line: string) => void, context: DemoSeedContext): Promise<void>;
}

export interface DemoSeedResult {
  seeded: boolean;
  /** Lines worth showing the person who started Haven (e.g. demo sign-ins). */
  notes: string[];
}

// Written by Haven before issue 12, whose demo had a published password: such a demo is re-keyed.
const legacySeededKey = 'demo.seeded';

/**
 * Seeds the demo once per database and marks the database as a demo. The credentials are random
 * unless given (only the test support gives them, to sign in to what it seeded); a second call
 * says where they are kept instead of repeating them.
 */
export async function seedDemo(
  db: Kysely<Database>,
  seeders: readonly DemoSeeder[],
  log: (line: string) => void = () => undefined,
  options: { credentials?: DemoCredentials } = {},
): Promise<DemoSeedResult> {
  if (await isDemoDatabase(db)) return { seeded: false, notes: [demoStoredNote] };
  const credentials = options.credentials ?? randomDemoCredentials();
  const legacy = (await readSetting(db, legacySeededKey)) !== undefined || (await findUnmarkedDemoAccounts(db)).length > 0;
  if (legacy) {
    log('Giving the demo accounts of an older Haven new random credentials');
    const { result } = await unitOfWork(db, systemActor('seed'), 'demo.rekey', async ({ trx, audit }) => {
      const accounts = await rekeyDemoAccounts(trx, credentials);
      await recordDemoInstallation(trx, credentials.password, accounts);
      audit({ details: { usernames: accounts.map((a) => a.username) } });
      return accounts;
    });
    return { seeded: false, notes: demoSignInNotes(credentials.password, result) };
  }
  // One transaction for the whole demo: an interrupted seed leaves nothing behind to duplicate.
  const { result } = await unitOfWork(db, systemActor('seed'), 'demo.seed', async (uow) => {
    const context: DemoSeedContext = { credentials, accounts: [] };
    for (const seeder of seeders) {
      log(`Seeding demo: ${seeder.name}`);
      await seeder.seed(uow, log, context);
    }
    await recordDemoInstallation(uow.trx, credentials.password, context.accounts);
    return context.accounts;
  });
  return { seeded: true, notes: demoSignInNotes(credentials.password, result) };
}
