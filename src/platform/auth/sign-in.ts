import { sql, type Kysely } from 'kysely';
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

export function callerActor(meta: RequestMeta, user?: { id: string; display_name: string; organisation_id: string }): Actor {
  const anonymous = anonymousActor(meta.locale, meta.ip, meta.requestId);
  return user ? { ...anonymous, userId: user.id, organisationId: user.organisation_id, label: `${user.display_name} (sign-in)` } : anonymous;
}

/** Password step of signing in. Every failure gives the same message; the audit log keeps the reason. */
export async function signIn(db: Kysely<Database>, config: Config, input: { username: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  const recent = await db
    .selectFrom('login_failures')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ip', '=', meta.ip)
    .where('at', '>', new Date(Date.now() - 15 * 60_000))
    .executeTakeFirstOrThrow();
  if (recent.n >= config.ipFailureLimit) {
    await recordAudit(db, callerActor(meta), { action: 'auth.sign_in', outcome: 'denied', details: { username: input.username, reason: 'ip_throttled' } });
    throw new DomainError('too_many_attempts', 429);
  }

  const user = await db.selectFrom('users').selectAll().where(sql`lower(username)`, '=', input.username.trim().toLowerCase()).executeTakeFirst();
  const passwordOk = user ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  const now = new Date();
  const locked = user?.locked_until ? new Date(user.locked_until) > now : false;
  const reason = !user ? 'unknown_user' : user.disabled ? 'disabled' : locked ? 'locked' : passwordOk ? null : 'wrong_password';

  if (reason) {
    await unitOfWork(db, callerActor(meta), 'auth.sign_in', async ({ trx, audit }) => {
      await trx.insertInto('login_failures').values({ ip: meta.ip }).execute();
      if (user && reason === 'wrong_password') {
        const failures = user.failed_logins + 1;
        const lockNow = failures >= config.lockoutThreshold;
        await trx
          .updateTable('users')
          .set({ failed_logins: lockNow ? 0 : failures, locked_until: lockNow ? new Date(now.getTime() + config.lockoutMinutes * 60_000) : user.locked_until })
          .where('id', '=', user.id)
          .execute();
        if (lockNow) audit({ action: 'auth.account_locked', entityType: 'user', entityId: user.id, outcome: 'denied', details: { failures } });
      }
      audit({ entityType: 'user', entityId: user?.id ?? null, outcome: 'denied', details: { username: input.username, reason } });
    });
    throw new DomainError('sign_in_failed', 401);
  }

  const signedIn = user!;
  const { result } = await unitOfWork(db, callerActor(meta, signedIn), 'auth.sign_in', async ({ trx, audit }) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', signedIn.id).execute();
    const session = await createSession(trx, signedIn.id, { mfaPassed: false, absoluteHours: config.sessionAbsoluteHours, ip: meta.ip, userAgent: meta.userAgent });
    audit({ entityType: 'user', entityId: signedIn.id, details: { username: signedIn.username, step: 'password' } });
    return session;
  });
  const account = await loadUserAccount(db, signedIn.id);
  const session = await findSession(db, result.token, config.sessionIdleMinutes);
  return { ...result, needs: account && session ? pendingStep(account, session, config.mfaRequired) : null };
}
