import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { DomainError } from '../errors.js';
import type { PendingSignIn } from './authenticate.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { callerActor, type RequestMeta } from './sign-in.js';
import { tokenHash } from './tokens.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';
import { readTotpSecret, storeTotpSecret } from './totp-secret.js';
import { translate } from '../i18n/translate.js';

type SignedIn = Pick<PendingSignIn, 'session' | 'account'>;

function actorOf(signIn: SignedIn, meta: RequestMeta) {
  return callerActor(meta, { id: signIn.account.id, display_name: signIn.account.displayName, organisation_id: signIn.account.organisationId });
}

/** Second step: a TOTP code, or a one-time recovery code (e.g. `ab12-cd34-ef56`). */
export async function verifySecondFactor(db: Kysely<Database>, config: Config, signIn: SignedIn, code: string, meta: RequestMeta): Promise<void> {
  const user = await db.selectFrom('users').select(['totp_secret', 'totp_enabled', 'totp_last_step', 'failed_logins']).where('id', '=', signIn.account.id).executeTakeFirstOrThrow();
  const cleaned = code.replace(/\s/g, '');
  const secret = readTotpSecret({ id: signIn.account.id, totp_secret: user.totp_secret });
  const totp = user.totp_enabled && secret ? await checkTotp(secret, cleaned, user.totp_last_step === null ? null : Number(user.totp_last_step)) : { valid: false };
  const recovery = totp.valid ? undefined : await db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', signIn.account.id).where('code_hash', '=', tokenHash(cleaned.toLowerCase())).where('used_at', 'is', null).executeTakeFirst();

  await unitOfWork(db, actorOf(signIn, meta), 'auth.second_factor', async ({ trx, audit }) => {
    if (!totp.valid && !recovery) {
      const failures = user.failed_logins + 1;
      const lockNow = failures >= config.lockoutThreshold;
      await trx.updateTable('users').set({ failed_logins: lockNow ? 0 : failures, ...(lockNow ? { locked_until: new Date(Date.now() + config.lockoutMinutes * 60_000) } : {}) }).where('id', '=', signIn.account.id).execute();
      if (lockNow) await trx.deleteFrom('sessions').where('user_id', '=', signIn.account.id).execute();
      audit({ entityType: 'user', entityId: signIn.account.id, outcome: 'denied', details: { reason: 'wrong_code', locked: lockNow } });
      return;
    }
    if (totp.valid) await trx.updateTable('users').set({ totp_last_step: totp.step ?? null, failed_logins: 0 }).where('id', '=', signIn.account.id).execute();
    if (recovery) await trx.updateTable('recovery_codes').set({ used_at: new Date() }).where('user_id', '=', signIn.account.id).where('code_hash', '=', recovery.code_hash).execute();
    await trx.updateTable('sessions').set({ mfa_passed: true }).where('token_hash', '=', signIn.session.tokenHash).execute();
    audit({ entityType: 'user', entityId: signIn.account.id, details: { method: totp.valid ? 'totp' : 'recovery_code' } });
  });
  if (!totp.valid && !recovery) throw new DomainError('totp_invalid', 401);
}

/** First step of enrolling an authenticator: a new secret, not yet active. */
export async function startTotpEnrolment(db: Kysely<Database>, signIn: SignedIn, meta: RequestMeta): Promise<{ secret: string; uri: string }> {
  if (signIn.account.totpEnabled) throw new DomainError('forbidden', 403, { permission: 'totp.enrolled' });
  const secret = newTotpSecret();
  await unitOfWork(db, actorOf(signIn, meta), 'auth.totp_enrolment_started', async ({ trx, audit }) => {
    await storeTotpSecret(trx, signIn.account.id, secret);
    audit({ entityType: 'user', entityId: signIn.account.id });
  });
  return { secret, uri: totpUri(secret, signIn.account.username) };
}

/** Confirms the authenticator with a first code; returns ten recovery codes, shown only now. */
export async function confirmTotpEnrolment(db: Kysely<Database>, signIn: SignedIn, code: string, meta: RequestMeta): Promise<{ recoveryCodes: string[] }> {
  const user = await db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', signIn.account.id).executeTakeFirstOrThrow();
  const secret = readTotpSecret({ id: signIn.account.id, totp_secret: user.totp_secret });
  if (user.totp_enabled || !secret) throw new DomainError('totp_not_started', 409);
  const check = await checkTotp(secret, code.replace(/\s/g, ''), null);
  if (!check.valid) throw new DomainError('totp_invalid', 401);
  const recoveryCodes = Array.from({ length: 10 }, () => randomBytes(6).toString('hex').replace(/(.{4})(?=.)/g, '$1-'));
  await unitOfWork(db, actorOf(signIn, meta), 'auth.totp_enrolled', async ({ trx, audit }) => {
    await trx.updateTable('users').set({ totp_enabled: true, totp_last_step: check.step ?? null }).where('id', '=', signIn.account.id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', signIn.account.id).execute();
    await trx.insertInto('recovery_codes').values(recoveryCodes.map((c) => ({ user_id: signIn.account.id, code_hash: tokenHash(c) }))).execute();
    await trx.updateTable('sessions').set({ mfa_passed: true }).where('token_hash', '=', signIn.session.tokenHash).execute();
    audit({ entityType: 'user', entityId: signIn.account.id });
  });
  return { recoveryCodes };
}

export async function changePassword(db: Kysely<Database>, signIn: SignedIn, input: { currentPassword: string; newPassword: string }, meta: RequestMeta): Promise<void> {
  const user = await db.selectFrom('users').select(['password_hash', 'username', 'display_name', 'phone']).where('id', '=', signIn.account.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new DomainError('password_wrong', 400);
  const problems = passwordProblems(input.newPassword, { username: user.username, displayName: user.display_name, phone: user.phone });
  if (problems.length > 0) {
    throw new DomainError('password_rejected', 400, { problems: problems.map((p) => translate(meta.locale, p)).join('；') }, problems.map((p) => ({ path: 'body.newPassword', code: p, message: translate(meta.locale, p) })));
  }
  const passwordHash = await hashPassword(input.newPassword);
  await unitOfWork(db, actorOf(signIn, meta), 'auth.password_changed', async ({ trx, audit }) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: false }).where('id', '=', signIn.account.id).execute();
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await trx.deleteFrom('sessions').where('user_id', '=', signIn.account.id).where('token_hash', '<>', signIn.session.tokenHash).execute();
    audit({ entityType: 'user', entityId: signIn.account.id });
  });
}

export async function signOut(db: Kysely<Database>, signIn: SignedIn, everywhere: boolean, meta: RequestMeta): Promise<void> {
  await unitOfWork(db, actorOf(signIn, meta), everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out', async ({ trx, audit }) => {
    const query = trx.deleteFrom('sessions').where('user_id', '=', signIn.account.id);
    await (everywhere ? query : query.where('token_hash', '=', signIn.session.tokenHash)).execute();
    audit({ entityType: 'user', entityId: signIn.account.id });
  });
}
