import { demoPassword, demoTotpCode } from './demo-credentials.js';

export interface ApiSession {
  cookie: string;
  csrfToken: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Signs a demo user in over real HTTP (password, then TOTP when the role needs it). */
export async function signInAs(baseUrl: string, username: string, password = demoPassword): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { needs, csrfToken } = (await login.json()) as { needs: string | null; csrfToken: string };
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  if (needs === 'totp') {
    // A code is good once: a second sign-in in the same 30 s uses the next step's code (drift allows it).
    let response = await request('POST', '/api/auth/totp', { code: await demoTotpCode(username) });
    if (response.status === 401)
      response = await request('POST', '/api/auth/totp', { code: await demoTotpCode(username, Date.now() + 30_000) });
    if (response.status !== 204)
      throw new Error(`TOTP of ${username} failed: ${response.status} ${await response.text()}`);
  }
  return { cookie, csrfToken, request };
}

export interface ErrorBody {
  code: string;
  message: string;
  details: { path: string; code: string; message: string }[];
}

export async function errorOf(response: Response): Promise<ErrorBody> {
  return ((await response.json()) as { error: ErrorBody }).error;
}
