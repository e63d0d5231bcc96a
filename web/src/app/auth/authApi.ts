import { ApiError, isRecord, queryString, requestJson, setCsrfToken } from '../api/client';

export interface Credentials {
  username: string;
  password: string;
}

/** The step a sign-in still owes before the account may do anything else. */
export type SignInStep = 'totp' | 'totp_enrolment' | 'password_change';

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  /** 12-digit division code: where this person's work lies. */
  jurisdictionCode: string;
  /** False for organisations (hotlines, federations…) that see children only through the cases they take part in. */
  seesChildrenByPlace: boolean;
}

/** GET /api/auth/me */
export interface Me {
  user: SignedInUser;
  roles: string[];
  permissions: string[];
  needs: SignInStep | null;
  csrfToken: string;
}

/** The server answered with something this client cannot read (a deployment mismatch). */
export class UnreadableReplyError extends Error {}

function readStep(value: unknown): SignInStep | null {
  return value === 'totp' || value === 'totp_enrolment' || value === 'password_change' ? value : null;
}

function text(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') throw new UnreadableReplyError(`${field} missing`);
  return value;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function parseMe(body: unknown): Me {
  if (!isRecord(body) || !isRecord(body.user)) throw new UnreadableReplyError('me');
  const user = body.user;
  return {
    user: {
      id: text(user, 'id'),
      username: text(user, 'username'),
      displayName: text(user, 'displayName'),
      organisationId: text(user, 'organisationId'),
      organisationName: text(user, 'organisationName'),
      jurisdictionCode: text(user, 'jurisdictionCode'),
      seesChildrenByPlace: user.seesChildrenByPlace !== false,
    },
    roles: strings(body.roles),
    permissions: strings(body.permissions),
    needs: readStep(body.needs),
    csrfToken: text(body, 'csrfToken'),
  };
}

/** Who is signed in, or null when no one is (401). */
export async function getMe(): Promise<Me | null> {
  try {
    const me = parseMe(await requestJson('/api/auth/me', { signInStep: true }));
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Password step; answers the step still owed, if any. */
export async function postLogin(credentials: Credentials): Promise<SignInStep | null> {
  const body = await requestJson('/api/auth/login', { method: 'POST', body: credentials, signInStep: true });
  if (!isRecord(body)) throw new UnreadableReplyError('login');
  setCsrfToken(text(body, 'csrfToken'));
  return readStep(body.needs);
}

/** A 6-digit authenticator code or a recovery code. */
export async function postTotp(code: string): Promise<void> {
  await requestJson('/api/auth/totp', { method: 'POST', body: { code }, signInStep: true });
}

export interface TotpEnrolment {
  secret: string;
  /** otpauth:// URI for a QR code. */
  uri: string;
}

export async function postTotpSetup(): Promise<TotpEnrolment> {
  const body = await requestJson('/api/auth/totp/setup', { method: 'POST', signInStep: true });
  if (!isRecord(body)) throw new UnreadableReplyError('totp setup');
  return { secret: text(body, 'secret'), uri: text(body, 'uri') };
}

/** Confirms the authenticator with its first code; the ten recovery codes come back only now. */
export async function postTotpConfirm(code: string): Promise<string[]> {
  const body = await requestJson('/api/auth/totp/confirm', { method: 'POST', body: { code }, signInStep: true });
  if (!isRecord(body)) throw new UnreadableReplyError('totp confirm');
  return strings(body.recoveryCodes);
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
