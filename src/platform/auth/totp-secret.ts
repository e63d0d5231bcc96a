import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { systemActor } from '../access/actor.js';
import type { Database } from '../db/schema.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { derivedKey } from '../secrets/installation-key.js';

/*
 * TOTP secrets at rest (issue 12, item 2): AES-256-GCM under the installation key's `totp` subkey,
 * which is not in the database, so a dump, a backup or an error body holding `users.totp_secret`
 * does not give anyone a second factor. The user's id is the associated data: a sealed secret
 * copied to another account does not open. Stored as `enc1:<iv>:<ciphertext>:<tag>` (base64url).
 * Secrets written before this are plain base32; `encryptPlainTotpSecrets` seals them at start-up.
 */

const prefix = 'enc1:';

export class TotpSecretUnreadableError extends Error {
  override readonly name = 'TotpSecretUnreadableError';
}

export function sealTotpSecret(userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey('totp'), iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${prefix}${iv.toString('base64url')}:${sealed.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
}

export function isSealedTotpSecret(stored: string): boolean {
  return stored.startsWith(prefix);
}

/**
 * The user's TOTP secret in clear, or null when none is stored. A sealed secret that does not open
 * (another installation key, or an edited value) throws: the second factor fails closed.
 */
export function readTotpSecret(user: { id: string; totp_secret: string | null }): string | null {
  const stored = user.totp_secret;
  if (stored === null) return null;
  if (!isSealedTotpSecret(stored)) return stored;
  const [iv, sealed, tag] = stored.slice(prefix.length).split(':');
  try {
    const decipher = createDecipheriv('aes-256-gcm', derivedKey('totp'), Buffer.from(iv ?? '', 'base64url'));
    decipher.setAAD(Buffer.from(user.id, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed ?? '', 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new TotpSecretUnreadableError(
      `The TOTP secret of user ${user.id} cannot be decrypted with this installation key (HAVEN_SECRET_KEY / installation.key): is it the key this database was written with?`,
    );
  }
}

/** Stores a new (not yet confirmed) secret, sealed, inside the caller's change. */
export async function storeTotpSecret(trx: Transaction<Database>, userId: string, secret: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret: sealTotpSecret(userId, secret), totp_enabled: false })
    .where('id', '=', userId)
    .execute();
}

/**
 * Seals every secret still stored in clear (written before encryption, or by a seeder), in one
 * audited change. Run at start-up, before the API serves, so none remains in clear after it.
 */
export async function encryptPlainTotpSecrets(db: Kysely<Database>): Promise<number> {
  const plain = await db
    .selectFrom('users')
    .select(['id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .where('totp_secret', 'not like', `${prefix}%`)
    .execute();
  if (plain.length === 0) return 0;
  await unitOfWork(db, systemActor('startup'), 'auth.totp_secrets_encrypted', async ({ trx, audit }) => {
    for (const user of plain) {
      // Compared with the value read, so a secret changed meanwhile is left to the next start.
      await trx
        .updateTable('users')
        .set({ totp_secret: sealTotpSecret(user.id, user.totp_secret!) })
        .where('id', '=', user.id)
        .where('totp_secret', '=', user.totp_secret)
        .execute();
    }
    audit({ entityType: 'user', details: { count: plain.length } });
  });
  return plain.length;
}
