import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { installationKeyFileName, keyFingerprint, secretKeyEnv } from './installation-key.js';

export class InstallationKeyMismatchError extends Error {
  override readonly name = 'InstallationKeyMismatchError';
}

const settingKey = 'installation_key_fingerprint';

/**
 * Records which installation key wrote this database (its fingerprint, not the key) on first
 * start, and refuses to start with another one: a lost or swapped key would otherwise surface
 * later as a failing audit check and sign-ins that fail closed.
 */
export async function assertInstallationKeyMatches(db: Kysely<Database>): Promise<void> {
  const mine = keyFingerprint();
  await sql`INSERT INTO settings (key, value) VALUES (${settingKey}, ${JSON.stringify(mine)}::jsonb) ON CONFLICT (key) DO NOTHING`.execute(
    db,
  );
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirst();
  const recorded = row?.value;
  if (recorded !== mine) {
    throw new InstallationKeyMismatchError(
      `This database was written with another installation key (fingerprint ${String(recorded)}; the key in use has ${mine}). Start Haven with the key it was written with: ${secretKeyEnv}, or the ${installationKeyFileName} file from the data folder's backup.`,
    );
  }
}
