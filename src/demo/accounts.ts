import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { systemActor } from '../platform/access/actor.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Database } from '../platform/db/schema.js';
import { unitOfWork } from '../platform/db/unit-of-work.js';
import type { DemoCredentials } from './credentials.js';
import { demoPeople } from './jingzhou-people.js';
import { type DemoAccount, isDemoDatabase } from './store.js';

type Reader = Kysely<Database> | Transaction<Database>;

/**
 * Enabled accounts that are the demo's people: the demo's username with the demo's fictional
 * phone number. A real account that happens to be called `admin` is not one of them.
 */
function activeDemoAccounts(db: Reader) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'totp_enabled'])
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or(demoPeople.map((person) => eb.and([eb('username', '=', person.username), eb('phone', '=', person.phone)]))),
    )
    .orderBy('username');
}

/** Demo accounts in a database that is not marked as a demo: `serve` refuses such a database. */
export async function findUnmarkedDemoAccounts(db: Reader): Promise<string[]> {
  if (await isDemoDatabase(db)) return [];
  return (await activeDemoAccounts(db).execute()).map((row) => row.username);
}

export const removeDemoAccountsCommand = 'npm run haven -- demo remove-accounts';

export function unmarkedDemoAccountsMessage(usernames: readonly string[]): string {
  const shown = usernames.slice(0, 4).join(', ') + (usernames.length > 4 ? ` and ${usernames.length - 4} more` : '');
  return (
    `This database holds ${usernames.length} demo account(s) (${shown}) but is not marked as a demo database: ` +
    `they may still have the demo password and authenticator secrets published with an older Haven, so Haven refuses to serve it. ` +
    `Remove them with \`${removeDemoAccountsCommand}\` (with the same DATABASE_URL; it disables them and ends their sessions), ` +
    `or, if this database is only a demo, start it with --demo to give them new random credentials.`
  );
}

/**
 * Takes demo accounts out of use for good: disabled, an unknowable password, no authenticator,
 * sessions ended, their API tokens revoked. Disabled rather than deleted: the audit log and the
 * records they touched keep pointing to them.
 */
export async function removeDemoAccounts(db: Kysely<Database>): Promise<string[]> {
  const { result } = await unitOfWork(db, systemActor('cli'), 'demo.remove_accounts', async ({ trx, audit }) => {
    const accounts = await activeDemoAccounts(trx).execute();
    if (accounts.length === 0) return [];
    const ids = accounts.map((a) => a.id);
    const unusable = await hashPassword(randomBytes(32).toString('base64url'));
    await trx
      .updateTable('users')
      .set((eb) => ({
        disabled: true,
        password_hash: unusable,
        totp_secret: null,
        totp_enabled: false,
        totp_last_step: null,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', 'in', ids)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', 'in', ids).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', 'in', ids).execute();
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('created_by', 'in', ids)
      .where('revoked_at', 'is', null)
      .execute();
    const usernames = accounts.map((a) => a.username);
    audit({ details: { usernames } });
    return usernames;
  });
  return result;
}

/**
 * A demo seeded by an older Haven (published password, secrets derived from the username) that
 * is started as a demo again: its accounts get this installation's random credentials.
 */
export async function rekeyDemoAccounts(
  trx: Transaction<Database>,
  credentials: DemoCredentials,
): Promise<DemoAccount[]> {
  const accounts = await activeDemoAccounts(trx).execute();
  const passwordHash = await hashPassword(credentials.password);
  const rekeyed: DemoAccount[] = [];
  for (const account of accounts) {
    const totpSecret = account.totp_enabled ? credentials.totpSecret(account.username) : null;
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        totp_secret: totpSecret,
        totp_last_step: null,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', account.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', account.id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', account.id).execute();
    rekeyed.push({ username: account.username, totpSecret });
  }
  return rekeyed;
}
