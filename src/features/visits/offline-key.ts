import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OfflineKey } from '../../contract/visits/offline.js';
import type { PendingSignIn } from '../../platform/auth/authenticate.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { derivedKey } from '../../platform/secrets/installation-key.js';
import './messages.js';

/**
 * The key-encryption key of a phone's offline store (docs/architecture.md, "Offline on a phone"):
 * HMAC-SHA256 under the installation key's `offline-store` subkey of the person, the phone's id and
 * the person's current password hash. Nothing is stored. Only a signed-in browser session of that
 * person gets it; a reset password (what an administrator does for a lost phone: it also ends every
 * session) or a changed one gives another key, so what the phone sealed before cannot be opened
 * again; a locked account gets none. Neither a copy of the database nor the phone alone computes it.
 */
export async function offlineKeyFor(
  db: Kysely<Database>,
  signIn: PendingSignIn | null,
  deviceId: string,
): Promise<OfflineKey> {
  if (!signIn) throw new DomainError('visits.offline_needs_session', 400, {});
  const user = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', signIn.account.id)
    .executeTakeFirstOrThrow();
  const key = createHmac('sha256', derivedKey('offline-store'))
    .update(`${signIn.account.id}\n${deviceId}\n${user.password_hash}`)
    .digest('base64url');
  return { key, expiresAt: signIn.session.absoluteExpiresAt.toISOString() };
}
