import type { Kysely } from 'kysely';
import { totpCodeOf } from '../src/demo/credentials.js';
import { readDemoCredentials } from '../src/demo/store.js';
import type { Database } from '../src/platform/db/schema.js';

export interface BenchSession {
  username: string;
  headers: Record<string, string>;
}

/** Signs a demo (or bench) account in over HTTP with the credentials stored in the bench database. */
export async function signIn(db: Kysely<Database>, baseUrl: string, username: string): Promise<BenchSession> {
  const stored = await readDemoCredentials(db);
  if (!stored) throw new Error('The bench database holds no demo; run npm run bench:data first.');
  const demoPassword = stored.password;
  const secret = stored.accounts.find((a) => a.username === username)?.totpSecret;
  const demoTotpCode = (name: string, at: number) => {
    if (!secret) throw new Error(`${name} has no stored authenticator secret`);
    return totpCodeOf(secret, at);
  };
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { needs, csrfToken } = (await login.json()) as { needs: string | null; csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  if (needs === 'totp') {
    const send = async (at: number) =>
      fetch(`${baseUrl}/api/auth/totp`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ code: await demoTotpCode(username, at) }),
      });
    let response = await send(Date.now());
    if (response.status === 401) response = await send(Date.now() + 30_000);
    if (response.status !== 204)
      throw new Error(`TOTP of ${username} failed: ${response.status} ${await response.text()}`);
  }
  return { username, headers };
}
