import { demoPassword } from '../src/demo/jingzhou-people.js';
import { demoTotpCode } from '../src/demo/totp.js';

export interface BenchSession {
  username: string;
  headers: Record<string, string>;
}

/** Signs a demo (or bench) account in over HTTP: password, then its demo authenticator code. */
export async function signIn(baseUrl: string, username: string): Promise<BenchSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword }) });
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { needs, csrfToken } = (await login.json()) as { needs: string | null; csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  if (needs === 'totp') {
    const send = async (at: number) =>
      fetch(`${baseUrl}/api/auth/totp`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ code: await demoTotpCode(username, at) }) });
    let response = await send(Date.now());
    if (response.status === 401) response = await send(Date.now() + 30_000);
    if (response.status !== 204) throw new Error(`TOTP of ${username} failed: ${response.status} ${await response.text()}`);
  }
  return { username, headers };
}
