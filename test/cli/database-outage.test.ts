import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  embeddedQuery,
  eventually,
  type HavenHome,
  havenHome,
  postmasterPid,
  processAlive,
  type Serving,
} from './haven-cli.js';

/*
 * The database dies under load and comes back: a real `haven serve` on its own embedded
 * PostgreSQL, writes in a loop, the postmaster SIGKILLed. Haven must answer 503 with Retry-After
 * (not die), start its PostgreSQL again, serve again without a restart of Haven, and have kept
 * every write it acknowledged.
 */
let home: HavenHome;
let serving: Serving | undefined;

beforeAll(async () => {
  // An administrator needs no second factor anyway; off, so the test depends only on passwords.
  home = await havenHome({
    HAVEN_MFA_REQUIRED: 'false',
    HAVEN_RATE_LIMIT_PER_MINUTE: '100000',
    HAVEN_JOB_POLL_MS: '200',
  });
});
afterAll(async () => home.cleanup());

interface Session {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

const firstPassword = 'Outage-first-9f3K!vq2';
const password = 'Lantern-river-77#Quokka';

async function signInAdmin(url: string): Promise<Session> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'outage-admin', password: firstPassword }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const session: Session = {
    request: (method, path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      }),
  };
  const changed = await session.request('POST', '/api/auth/password', {
    currentPassword: firstPassword,
    newPassword: password,
  });
  if (changed.status !== 204) throw new Error(`password change failed: ${changed.status} ${await changed.text()}`);
  return session;
}

interface Outcome {
  username: string;
  status: number | 'no answer';
  code?: string;
  message?: string;
  retryAfter?: string | null;
}

/** Creates accounts until told to stop (or `limit` were sent), four at a time. */
function writeInLoop(session: Session, organisationId: string, limit: number) {
  const outcomes: Outcome[] = [];
  let next = 0;
  let stopped = false;
  const writeOne = async (index: number): Promise<Outcome> => {
    const username = `outage-${index}`;
    const body = { username, displayName: `停电测试 ${index}`, organisationId, roles: ['analyst'] };
    try {
      const response = await session.request('POST', '/api/users', body, { 'idempotency-key': `outage-key-${index}` });
      const text = await response.text();
      const error =
        response.status >= 400
          ? ((JSON.parse(text) as { error?: { code?: string; message?: string } }).error ?? {})
          : {};
      return {
        username,
        status: response.status,
        code: error.code,
        message: error.message,
        retryAfter: response.headers.get('retry-after'),
      };
    } catch {
      return { username, status: 'no answer' };
    }
  };
  // As a real client does: a refused write is sent again, with the same idempotency key, after a
  // short pause. Otherwise four workers answered 503 in a few milliseconds each could use up all
  // `limit` writes while the database is away, and nothing would be left to show it came back.
  const worker = async () => {
    while (!stopped && next < limit) {
      const index = next++;
      for (;;) {
        const outcome = await writeOne(index);
        outcomes.push(outcome);
        if (stopped || (outcome.status !== 503 && outcome.status !== 'no answer')) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  const done = Promise.all([worker(), worker(), worker(), worker()]);
  return {
    outcomes,
    acknowledged: () => outcomes.filter((o) => typeof o.status === 'number' && o.status >= 200 && o.status < 300),
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

async function healthOf(
  url: string,
): Promise<{ status: number; body: { database?: { state?: string } }; retryAfter: string | null } | undefined> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    return {
      status: response.status,
      body: (await response.json()) as { database?: { state?: string } },
      retryAfter: response.headers.get('retry-after'),
    };
  } catch {
    return undefined;
  }
}

describe('the embedded PostgreSQL killed under load', { timeout: 420_000 }, () => {
  it('answers 503 with Retry-After, restarts the database, serves again without a restart and loses no acknowledged write', async () => {
    const created = await home.run([
      'users',
      'create-admin',
      '--username',
      'outage-admin',
      '--password',
      firstPassword,
    ]);
    expect(created.code, created.stderr).toBe(0);
    serving = await home.serve();
    const url = serving.url;
    const havenPid = serving.child.pid!;
    const session = await signInAdmin(url);
    const me = (await (await session.request('GET', '/api/auth/me')).json()) as { user: { organisationId: string } };

    const writes = writeInLoop(session, me.user.organisationId, 400);
    try {
      expect(await eventually(() => writes.acknowledged().length >= 8, 120_000), 'writes succeed before the kill').toBe(
        true,
      );
      const postmaster = await postmasterPid(home.dir);
      expect(postmaster).toBeGreaterThan(0);
      process.kill(postmaster!, 'SIGKILL');
      const ackedBeforeOutage = writes.acknowledged().length;

      // While it is away: a 503 that says when to retry, from a Haven that is still there.
      let down: Awaited<ReturnType<typeof healthOf>>;
      expect(
        await eventually(async () => (down = await healthOf(url))?.status === 503, 60_000),
        'health reports the database down',
      ).toBe(true);
      expect(down!.body.database?.state).toBe('unavailable');
      expect(Number(down!.retryAfter)).toBeGreaterThan(0);
      expect(
        await eventually(() => writes.outcomes.some((o) => o.status === 503), 120_000),
        'a write was answered 503',
      ).toBe(true);

      // Back without restarting Haven: the embedded PostgreSQL was started again by Haven itself.
      expect(await eventually(async () => (await healthOf(url))?.status === 200, 180_000), 'health is ok again').toBe(
        true,
      );
      expect((await healthOf(url))?.body.database?.state).toBe('ok');
      const restarted = await postmasterPid(home.dir);
      expect(restarted).not.toBe(postmaster);
      expect(
        await eventually(() => writes.acknowledged().length >= ackedBeforeOutage + 8, 180_000),
        'writes succeed again',
      ).toBe(true);
    } finally {
      await writes.stop();
    }

    expect(processAlive(havenPid), 'the same Haven process still runs').toBe(true);
    expect(serving.child.exitCode).toBeNull();
    expect(serving.stderr()).toMatch(/embedded PostgreSQL .*is gone.*starting it again/i);
    expect(serving.stderr()).toMatch(/embedded PostgreSQL is running again/i);

    // Every refusal was the declared 503 in both languages; nothing else failed.
    const failures = writes.outcomes.filter(
      (o) => o.status === 'no answer' || (typeof o.status === 'number' && o.status >= 300),
    );
    for (const failure of failures) {
      expect(failure, JSON.stringify(failure)).toMatchObject({ status: 503, code: 'database_unavailable' });
      expect(Number(failure.retryAfter)).toBeGreaterThan(0);
      expect(failure.message).toMatch(/数据库/);
    }

    // No acknowledged write was lost.
    const acknowledged = writes.acknowledged().map((o) => o.username);
    const rows = await embeddedQuery(
      home.dir,
      `SELECT username FROM users WHERE username LIKE 'outage-%' AND username <> 'outage-admin'`,
    );
    const stored = new Set(rows.map((row) => String(row.username)));
    expect(acknowledged.filter((username) => !stored.has(username))).toEqual([]);
  });
});
