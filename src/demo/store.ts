import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import './tables.js';

import type { DemoAccount } from '../platform/seed.js';

export type { DemoAccount };

export interface StoredDemoCredentials {
  password: string;
  seededAt: Date;
  accounts: DemoAccount[];
}

/**
 * Marks the database as a demo and keeps its sign-ins there, in the same transaction as the demo
 * itself: the mark, the accounts and their credentials can never be found one without the other,
 * and they travel with a backup of the database, whichever machine runs the CLI.
 */
export async function recordDemoInstallation(
  trx: Transaction<Database>,
  password: string,
  accounts: readonly DemoAccount[],
): Promise<void> {
  await trx.deleteFrom('demo_accounts').execute();
  await trx.deleteFrom('demo_installation').execute();
  await trx.insertInto('demo_installation').values({ password }).execute();
  if (accounts.length > 0)
    await trx
      .insertInto('demo_accounts')
      .values(accounts.map((a) => ({ username: a.username, totp_secret: a.totpSecret })))
      .execute();
}

export async function isDemoDatabase(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  return (await db.selectFrom('demo_installation').select('singleton').executeTakeFirst()) !== undefined;
}

export async function readDemoCredentials(db: Kysely<Database>): Promise<StoredDemoCredentials | undefined> {
  const installation = await db.selectFrom('demo_installation').select(['password', 'seeded_at']).executeTakeFirst();
  if (!installation) return undefined;
  const accounts = await db
    .selectFrom('demo_accounts')
    .select(['username', 'totp_secret'])
    .orderBy('username')
    .execute();
  return {
    password: installation.password,
    seededAt: installation.seeded_at,
    accounts: accounts.map((a) => ({ username: a.username, totpSecret: a.totp_secret })),
  };
}
