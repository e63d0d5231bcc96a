import type { Kysely } from 'kysely';
import { systemActor } from '../platform/access/actor.js';
import type { Database } from '../platform/db/schema.js';
import { unitOfWork } from '../platform/db/unit-of-work.js';
import type { DemoCredentials, DemoSeedContext, DemoSeeder, DemoSeedResult } from '../platform/seed.js';
import { readSetting } from '../platform/settings.js';
import { findUnmarkedDemoAccounts, rekeyDemoAccounts, unmarkedDemoAccountsMessage } from './accounts.js';
import { randomDemoCredentials } from './credentials.js';
import { demoSignInNotes, demoStoredNote } from './notes.js';
import { isDemoDatabase, recordDemoInstallation } from './store.js';

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
  const legacy =
    (await readSetting(db, legacySeededKey)) !== undefined || (await findUnmarkedDemoAccounts(db)).length > 0;
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

/**
 * The demo's part of a start: seeds it when asked, else says where its sign-ins are kept; and
 * `refusal` when the database holds demo accounts without being marked as a demo (secure by
 * default: such a database is not served).
 */
export async function demoAtStart(
  db: Kysely<Database>,
  seeders: readonly DemoSeeder[],
  options: { seed: boolean; log: (line: string) => void },
): Promise<DemoSeedResult & { refusal?: string }> {
  const demo = options.seed
    ? await seedDemo(db, seeders, options.log)
    : { seeded: false, notes: (await isDemoDatabase(db)) ? [demoStoredNote] : [] };
  const unmarked = await findUnmarkedDemoAccounts(db);
  return unmarked.length > 0 ? { ...demo, refusal: unmarkedDemoAccountsMessage(unmarked) } : demo;
}
