import {
  type Me,
  recoveryCodesSchema,
  sessionStateSchema,
  type SignInStep,
  signInAnswerSchema,
  totpSetupSchema,
} from '@contract/auth/auth.js';
import type { z } from 'zod';
import { queryString, requestJson, requestParsed, setCsrfToken } from '../api/client';

export type { Me };

export interface Credentials {
  username: string;
  password: string;
}

/** The step a sign-in still owes before the account may do anything else. */
export type { SignInStep };

/**
 * Who is signed in, or null when no one is. Asked of /api/auth/session, which answers 200 either
 * way: a page opened before signing in makes no refused request (and logs no console error).
 */
export async function getMe(): Promise<Me | null> {
  const { me } = await requestParsed(sessionStateSchema, '/api/auth/session', { signInStep: true });
  setCsrfToken(me?.csrfToken ?? null);
  return me;
}

/** Password step; answers the step still owed, if any. */
export async function postLogin(credentials: Credentials): Promise<SignInStep> {
  const answer = await requestParsed(signInAnswerSchema, '/api/auth/login', {
    method: 'POST',
    body: credentials,
    signInStep: true,
  });
  setCsrfToken(answer.csrfToken);
  return answer.needs;
}

// The second factor, the new password and signing out answer 204: there is no body to read.

/** A 6-digit authenticator code or a recovery code. */
export async function postTotp(code: string): Promise<void> {
  await requestJson('/api/auth/totp', { method: 'POST', body: { code }, signInStep: true });
}

/** The authenticator's secret, and the otpauth:// URI for a QR code. */
export type TotpEnrolment = z.infer<typeof totpSetupSchema>;

export function postTotpSetup(): Promise<TotpEnrolment> {
  return requestParsed(totpSetupSchema, '/api/auth/totp/setup', { method: 'POST', signInStep: true });
}

/** Confirms the authenticator with its first code; the ten recovery codes come back only now. */
export async function postTotpConfirm(code: string): Promise<string[]> {
  const path = '/api/auth/totp/confirm';
  return (await requestParsed(recoveryCodesSchema, path, { method: 'POST', body: { code }, signInStep: true }))
    .recoveryCodes;
}

export async function postPasswordChange(input: { currentPassword: string; newPassword: string }): Promise<void> {
  await requestJson('/api/auth/password', { method: 'POST', body: input, signInStep: true });
}

export async function postLogout(everywhere: boolean): Promise<void> {
  try {
    await requestJson(`/api/auth/logout${queryString({ everywhere: everywhere || undefined })}`, {
      method: 'POST',
      signInStep: true,
    });
  } finally {
    setCsrfToken(null);
  }
}
