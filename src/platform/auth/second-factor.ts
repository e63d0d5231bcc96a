import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { DomainError } from '../errors.js';
import type { PendingSignIn } from './authenticate.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { callerActor, countFailure, type RequestMeta } from './sign-in.js';
import { changingSessionsOf } from './session-cache.js';
import { tokenHash } from './tokens.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';
import { readTotpSecret, storeTotpSecret } from './totp-secret.js';
import { translate } from '../i18n/translate.js';

type SignedIn = Pick<PendingSignIn, 'session' | 'account'>;

function actorOf(signIn: SignedIn, meta: RequestMeta) {
  return callerActor(meta, {
    id: signIn.account.id,
    display_name: signIn.account.displayName,
    organisation_id: signIn.account.organisationId,
  });
}

/** The user's TOTP secret, as the authenticator knows it. The one place that reads the column. */
export async function totpSecretOf(
  db: Kysely<Database>,
  userId: string,
): Promise<{ secret: string | null; enabled: boolean }> {
  const row = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { secret: readTotpSecret({ id: userId, totp_secret: row.totp_secret }), enabled: row.totp_enabled };
}

/**
 * Second step: a TOTP code, or a one-time recovery code (e.g. `ab12-cd34-ef56`). Judged under the
 * user's row lock: a lockout since the password step refuses it, a code's time step is used once
 * (the first of concurrent sign-ins with one code wins), a recovery code is spent once.
 */
export async function verifySecondFactor(
  db: Kysely<Database>,
  config: Config,
  signIn: SignedIn,
  code: string,
  meta: RequestMeta,
): Promise<void> {
  const userId = signIn.account.id;
  const { secret, enabled } = await totpSecretOf(db, userId);
  const cleaned = code.replace(/\s/g, '');
  const totp = enabled && secret ? await checkTotp(secret, cleaned, null) : { valid: false };

  const { result: outcome } = await changingSessionsOf(
    userId,
    unitOfWork(db, actorOf(signIn, meta), 'auth.second_factor', async ({ trx, audit }) => {
      const now = new Date();
      const user = await trx
        .selectFrom('users')
        .select(['disabled', 'locked_until'])
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (user.disabled || (user.locked_until !== null && new Date(user.locked_until) > now)) {
        // Passed the password before the lock: this session never completes.
        await trx.deleteFrom('sessions').where('token_hash', '=', signIn.session.tokenHash).execute();
        audit({
          entityType: 'user',
          entityId: userId,
          outcome: 'denied',
          details: { reason: user.disabled ? 'disabled' : 'locked' },
        });
        return 'locked' as const;
      }
      const stepUsed = totp.valid && totp.step !== undefined ? await claimTotpStep(trx, userId, totp.step) : totp.valid;
      const recovery = stepUsed
        ? undefined
        : await trx
            .updateTable('recovery_codes')
            .set({ used_at: now })
            .where('user_id', '=', userId)
            .where('code_hash', '=', tokenHash(cleaned.toLowerCase()))
            .where('used_at', 'is', null)
            .returning('code_hash')
            .executeTakeFirst();
      if (!stepUsed && !recovery) {
        // A code already used is a replay or a double submission, not a guess: it does not count
        // towards the lockout (a double click must not lock the account).
        if (totp.valid) {
          audit({ entityType: 'user', entityId: userId, outcome: 'denied', details: { reason: 'code_already_used' } });
          return 'wrong' as const;
        }
        const counted = await countFailure(trx, userId, config, now);
        if (counted?.lockedNow) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
        audit({
          entityType: 'user',
          entityId: userId,
          outcome: 'denied',
          details: { reason: 'wrong_code', locked: counted?.lockedNow ?? true },
        });
        return 'wrong' as const;
      }
      await trx.updateTable('users').set({ failed_logins: 0 }).where('id', '=', userId).execute();
      await trx
        .updateTable('sessions')
        .set({ mfa_passed: true })
        .where('token_hash', '=', signIn.session.tokenHash)
        .execute();
      audit({ entityType: 'user', entityId: userId, details: { method: stepUsed ? 'totp' : 'recovery_code' } });
      return 'passed' as const;
    }),
  );
  if (outcome === 'locked') throw new DomainError('sign_in_failed', 401);
  if (outcome === 'wrong') throw new DomainError('totp_invalid', 401);
}

/** Records a code's time step as used, only if it is newer than the last one used. */
async function claimTotpStep(trx: Transaction<Database>, userId: string, step: number): Promise<boolean> {
  const claimed = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** First step of enrolling an authenticator: a new secret, not yet active. */
export async function startTotpEnrolment(
  db: Kysely<Database>,
  signIn: SignedIn,
  meta: RequestMeta,
): Promise<{ secret: string; uri: string }> {
  if (signIn.account.totpEnabled) throw new DomainError('forbidden', 403, { permission: 'totp.enrolled' });
  const secret = newTotpSecret();
  await changingSessionsOf(
    signIn.account.id,
    unitOfWork(db, actorOf(signIn, meta), 'auth.totp_enrolment_started', async ({ trx, audit }) => {
      await storeTotpSecret(trx, signIn.account.id, secret);
      audit({ entityType: 'user', entityId: signIn.account.id });
    }),
  );
  return { secret, uri: totpUri(secret, signIn.account.username) };
}

/** Confirms the authenticator with a first code; returns ten recovery codes, shown only now. */
export async function confirmTotpEnrolment(
  db: Kysely<Database>,
  signIn: SignedIn,
  code: string,
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  const user = await totpSecretOf(db, signIn.account.id);
  if (user.enabled || !user.secret) throw new DomainError('totp_not_started', 409);
  const check = await checkTotp(user.secret, code.replace(/\s/g, ''), null);
  if (!check.valid) throw new DomainError('totp_invalid', 401);
  const recoveryCodes = Array.from({ length: 10 }, () =>
    randomBytes(6)
      .toString('hex')
      .replace(/(.{4})(?=.)/g, '$1-'),
  );
  await changingSessionsOf(
    signIn.account.id,
    unitOfWork(db, actorOf(signIn, meta), 'auth.totp_enrolled', async ({ trx, audit }) => {
      await trx
        .updateTable('users')
        .set({ totp_enabled: true, totp_last_step: check.step ?? null })
        .where('id', '=', signIn.account.id)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', signIn.account.id).execute();
      await trx
        .insertInto('recovery_codes')
        .values(recoveryCodes.map((c) => ({ user_id: signIn.account.id, code_hash: tokenHash(c) })))
        .execute();
      await trx
        .updateTable('sessions')
        .set({ mfa_passed: true })
        .where('token_hash', '=', signIn.session.tokenHash)
        .execute();
      audit({ entityType: 'user', entityId: signIn.account.id });
    }),
  );
  return { recoveryCodes };
}

export async function changePassword(
  db: Kysely<Database>,
  signIn: SignedIn,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['password_hash', 'username', 'display_name', 'phone'])
    .where('id', '=', signIn.account.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new DomainError('password_wrong', 400);
  const problems = passwordProblems(input.newPassword, {
    username: user.username,
    displayName: user.display_name,
    phone: user.phone,
  });
  if (problems.length > 0) {
    throw new DomainError(
      'password_rejected',
      400,
      { problems: problems.map((p) => translate(meta.locale, p)).join('；') },
      problems.map((p) => ({ path: 'body.newPassword', code: p, message: translate(meta.locale, p) })),
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await changingSessionsOf(
    signIn.account.id,
    unitOfWork(db, actorOf(signIn, meta), 'auth.password_changed', async ({ trx, audit }) => {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: false })
        .where('id', '=', signIn.account.id)
        .execute();
      // Other sessions of this user end: a changed password must lock out whoever knew the old one.
      await trx
        .deleteFrom('sessions')
        .where('user_id', '=', signIn.account.id)
        .where('token_hash', '<>', signIn.session.tokenHash)
        .execute();
      audit({ entityType: 'user', entityId: signIn.account.id });
    }),
  );
}

export async function signOut(
  db: Kysely<Database>,
  signIn: SignedIn,
  everywhere: boolean,
  meta: RequestMeta,
): Promise<void> {
  await changingSessionsOf(
    signIn.account.id,
    unitOfWork(
      db,
      actorOf(signIn, meta),
      everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
      async ({ trx, audit }) => {
        const query = trx.deleteFrom('sessions').where('user_id', '=', signIn.account.id);
        await (everywhere ? query : query.where('token_hash', '=', signIn.session.tokenHash)).execute();
        audit({ entityType: 'user', entityId: signIn.account.id });
      },
    ),
  );
}
