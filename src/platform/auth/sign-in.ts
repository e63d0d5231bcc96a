import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import { anonymousActor } from '../access/actor.js';
import { recordAudit } from '../audit/append.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { DomainError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import './messages.js';
import { pendingStep } from './authenticate.js';
import { loadUserAccount } from './load-actor.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { changingSessionsOf } from './session-cache.js';
import { createSession, findSession } from './sessions.js';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  locale: Locale;
  requestId: string;
}

export interface SignInResult {
  token: string;
  csrfToken: string;
  needs: 'totp' | 'totp_enrolment' | 'password_change' | null;
}

export function callerActor(
  meta: RequestMeta,
  user?: { id: string; display_name: string; organisation_id: string },
): Actor {
  const anonymous = anonymousActor(meta.locale, meta.ip, meta.requestId);
  return user
    ? { ...anonymous, userId: user.id, organisationId: user.organisation_id, label: `${user.display_name} (sign-in)` }
    : anonymous;
}

/** Password step of signing in. Every failure gives the same message; the audit log keeps the reason. */
export async function signIn(
  db: Kysely<Database>,
  config: Config,
  input: { username: string; password: string },
  meta: RequestMeta,
): Promise<SignInResult> {
  const recent = await db
    .selectFrom('login_failures')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ip', '=', meta.ip)
    .where('at', '>', new Date(Date.now() - 15 * 60_000))
    .executeTakeFirstOrThrow();
  if (recent.n >= config.ipFailureLimit) {
    await recordAudit(db, callerActor(meta), {
      action: 'auth.sign_in',
      outcome: 'denied',
      details: { username: input.username, reason: 'ip_throttled' },
    });
    throw new DomainError('too_many_attempts', 429);
  }

  const user = await db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', input.username.trim().toLowerCase())
    .executeTakeFirst();
  // Without an account the same hashing work is done, so the answer's timing does not tell.
  if (!user) await burnPasswordCheck(input.password);
  const passwordOk = user ? await verifyPassword(user.password_hash, input.password) : false;
  const now = new Date();
  const lockedAtRead = user?.locked_until ? new Date(user.locked_until) > now : false;
  const earlyReason = !user
    ? 'unknown_user'
    : user.disabled
      ? 'disabled'
      : lockedAtRead
        ? 'locked'
        : passwordOk
          ? null
          : 'wrong_password';

  if (earlyReason) {
    const failure = unitOfWork(db, callerActor(meta), 'auth.sign_in', async ({ trx, audit }) => {
      await trx.insertInto('login_failures').values({ ip: meta.ip }).execute();
      // Judged under the row lock: a failure that finds the account already locked is not counted again.
      const counted = user && earlyReason === 'wrong_password' ? await countFailure(trx, user.id, config, now) : null;
      if (counted?.lockedNow)
        audit({
          action: 'auth.account_locked',
          entityType: 'user',
          entityId: user!.id,
          outcome: 'denied',
          details: { failures: config.lockoutThreshold },
        });
      const reason = earlyReason === 'wrong_password' && !counted ? 'locked' : earlyReason;
      audit({
        entityType: 'user',
        entityId: user?.id ?? null,
        outcome: 'denied',
        details: { username: input.username, reason },
      });
    });
    // A failure that locked the account ended its sessions still owing a step.
    await (user ? changingSessionsOf(user.id, failure) : failure);
    throw new DomainError('sign_in_failed', 401);
  }

  const signedIn = user!;
  const { result } = await unitOfWork(db, callerActor(meta, signedIn), 'auth.sign_in', async ({ trx, audit }) => {
    // The lock is checked again where it is cleared: a lockout that landed while the password was
    // being verified wins.
    const open = await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', signedIn.id)
      .where('disabled', '=', false)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning('id')
      .executeTakeFirst();
    if (!open) {
      audit({
        entityType: 'user',
        entityId: signedIn.id,
        outcome: 'denied',
        details: { username: input.username, reason: 'locked' },
      });
      return null;
    }
    const session = await createSession(trx, signedIn.id, {
      mfaPassed: false,
      absoluteHours: config.sessionAbsoluteHours,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    audit({ entityType: 'user', entityId: signedIn.id, details: { username: signedIn.username, step: 'password' } });
    return session;
  });
  if (!result) throw new DomainError('sign_in_failed', 401);
  const account = await loadUserAccount(db, signedIn.id);
  const session = await findSession(db, result.token, config.sessionIdleMinutes);
  return { ...result, needs: account && session ? pendingStep(account, session, config.mfaRequired) : null };
}

/**
 * Counts one failed step (wrong password or code) in a single UPDATE, so concurrent failures are
 * judged one after another: only those that find the account open count; the one reaching the
 * threshold locks it and ends every session still owing a step. Undefined when it was locked.
 */
export async function countFailure(
  trx: Transaction<Database>,
  userId: string,
  config: Config,
  now: Date,
): Promise<{ lockedNow: boolean } | undefined> {
  const lockUntil = new Date(now.getTime() + config.lockoutMinutes * 60_000);
  const row = await trx
    .updateTable('users')
    .set({
      failed_logins: sql<number>`CASE WHEN failed_logins + 1 >= ${config.lockoutThreshold} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql<Date | null>`CASE WHEN failed_logins + 1 >= ${config.lockoutThreshold} THEN ${lockUntil}::timestamptz ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('locked_until')
    .executeTakeFirst();
  if (!row) return undefined;
  const lockedNow = row.locked_until !== null && new Date(row.locked_until) > now;
  if (lockedNow)
    await trx.deleteFrom('sessions').where('user_id', '=', userId).where('mfa_passed', '=', false).execute();
  return { lockedNow };
}
