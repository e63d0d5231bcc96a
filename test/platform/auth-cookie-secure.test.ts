import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type TestPerson } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The session cookie as the HOST setting leaves it by default. The test servers listen on
// 127.0.0.1 either way; only the configured HOST decides.
const servers: Record<string, TestServer> = {};
// A person who signs in with the password alone, made through the factories in each server's database.
const charity = new Map<TestServer, TestPerson>();
beforeAll(async () => {
  for (const host of ['0.0.0.0', '127.0.0.1']) {
    const server = await startTestServer({ config: { host } });
    charity.set(server, await factories(server.database.db).as('charity'));
    servers[host] = server;
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

async function sessionCookie(server: TestServer): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'charity', password: charity.get(server)!.password }),
  });
  expect(login.status).toBe(200);
  return login.headers.get('set-cookie') ?? '';
}

describe('the session cookie', () => {
  it('is Secure by default when Haven listens beyond this machine (HOST=0.0.0.0)', async () => {
    expect(await sessionCookie(servers['0.0.0.0']!)).toMatch(/;\s*Secure/i);
  });

  it('is not Secure on loopback (HOST=127.0.0.1), so plain-HTTP sign-in on this machine still works', async () => {
    expect(await sessionCookie(servers['127.0.0.1']!)).not.toMatch(/;\s*Secure/i);
  });
});
