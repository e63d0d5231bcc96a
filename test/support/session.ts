import { demoPassword, demoTotpCode } from './demo-credentials.js';
import { profiled } from './e2e-profile.js';

export interface ApiSession {
  cookie: string;
  csrfToken: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Bounds a test's wait for an answer well inside the test's own timeout. */
const answerBoundMs = 120_000;

/**
 * A request the test waits for: a server that never answers fails the test within the bound,
 * naming the request (a CI run once hung here in silence until the file's 900 s timeout).
 */
async function answered(method: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(answerBoundMs) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError')
      throw new Error(`${method} ${url} had no answer within ${answerBoundMs / 1000} s`);
    throw error;
  }
}

/**
 * The first step of every sign-in over real HTTP: username and password. Returns the session (its
 * cookie and CSRF token) and the step the server says is still owed, if any.
 */
export async function passwordStep(
  baseUrl: string,
  username: string,
  password: string,
): Promise<{ session: ApiSession; needs: string | null }> {
  const login = await answered('POST', `${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { needs, csrfToken } = (await login.json()) as { needs: string | null; csrfToken: string };
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    answered(method, `${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { session: { cookie, csrfToken, request }, needs };
}

/**
 * The authenticator step of a sign-in. A code is good once: a second sign-in in the same 30 s uses
 * the next step's code (the accepted drift allows it).
 */
export async function totpStep(
  session: ApiSession,
  username: string,
  codeAt: (at: number) => Promise<string>,
): Promise<void> {
  let response = await session.request('POST', '/api/auth/totp', { code: await codeAt(Date.now()) });
  if (response.status === 401)
    response = await session.request('POST', '/api/auth/totp', { code: await codeAt(Date.now() + 30_000) });
  if (response.status !== 204)
    throw new Error(`TOTP of ${username} failed: ${response.status} ${await response.text()}`);
}

/** Signs a demo user in over real HTTP (password, then TOTP when the role needs it). */
export async function signInAs(baseUrl: string, username: string, password = demoPassword): Promise<ApiSession> {
  return profiled('sign-in (API)', async () => {
    const { session, needs } = await passwordStep(baseUrl, username, password);
    if (needs === 'totp') await totpStep(session, username, (at) => demoTotpCode(username, at));
    return session;
  });
}

export interface ErrorBody {
  code: string;
  message: string;
  details: { path: string; code: string; message: string }[];
}

export async function errorOf(response: Response): Promise<ErrorBody> {
  return ((await response.json()) as { error: ErrorBody }).error;
}
