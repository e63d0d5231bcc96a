import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { townshipLedger } from '../../src/features/registry/ledger/fixtures.test-helper.js';
import type { ImportBatchView } from '../../src/contract/registry/ledger.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type Factories, factories, signIn } from '../support/factories.js';
import type { ApiSession } from '../support/session.js';
import { eventually, freePort, type HavenHome, havenHome, type Serving } from './haven-cli.js';

/*
 * Two real `haven serve` processes on one PostgreSQL database (DATABASE_URL), as a deployment
 * behind a load balancer runs them: a session made on one is good on the other, a sweep round both
 * tick for runs once (and raises each alert once), audited writes through both keep the chain
 * whole, and a job runs once. Every wait is on a condition.
 */
let database: TestDatabase;
let home: HavenHome;
let one: Serving;
let two: Serving;
let make: Factories;

beforeAll(async () => {
  database = await createTestDatabase();
  home = await havenHome({
    DATABASE_URL: database.url,
    HAVEN_JOB_POLL_MS: '100',
    HAVEN_SWEEP_INTERVAL_SECONDS: '2',
    HAVEN_RATE_LIMIT_PER_MINUTE: '100000',
    HAVEN_SESSION_CACHE_SECONDS: '30',
    LOG_LEVEL: 'info',
  });
  make = factories(database.db);
  // Both start at once, as two replicas would (a loaded 2-core machine needs minutes for two tsx starts).
  [one, two] = await Promise.all([
    home.serve({ env: { PORT: String(await freePort()) }, timeoutMs: 300_000 }),
    home.serve({ env: { PORT: String(await freePort()) }, timeoutMs: 300_000 }),
  ]);
}, 600_000);
afterAll(async () => {
  await home?.cleanup();
  await database?.drop();
});

/** A session made on one process, used against the other's address. */
function on(url: string, session: ApiSession): ApiSession {
  return {
    ...session,
    request: (method, path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

interface RoundLine {
  round: string;
  outcome: string;
}

/** The 'sweep round' lines a process logged (pino JSON on stdout). */
function roundsOf(serving: Serving): RoundLine[] {
  return serving
    .stdout()
    .split('\n')
    .filter((line) => line.includes('"sweep round"'))
    .map((line) => JSON.parse(line) as RoundLine);
}

describe('two Haven processes on one database', { timeout: 300_000 }, () => {
  // One sign-in for the tests that only use the officer's session: an authenticator code is good once and
  // the server allows one step of drift, so a third sign-in of one person within 30 s would be refused.
  let shared: Awaited<ReturnType<Factories['signInAs']>> | undefined;
  const officerSession = async () => {
    shared ??= await make.signInAs(one.url, 'officer.shashi');
    return shared;
  };
  // Each process keeps a session's lookup in memory (session-cache.ts; 30 s here, so only the
  // notice can end it in time): a change made through the other process is waited for, bounded.
  const heard = (check: () => Promise<boolean>) => eventually(check, 10_000);
  const statusOf = async (session: ApiSession, path: string) => (await session.request('GET', path)).status;

  it('a session made on one process is valid on the other, and signing out on either ends it on both', async () => {
    const session = await make.signInAs(one.url, 'officer.shashi');
    const onTwo = on(two.url, session);
    expect(await statusOf(session, '/api/children')).toBe(200);
    expect(await statusOf(onTwo, '/api/auth/me')).toBe(200);
    expect((await onTwo.request('POST', '/api/auth/logout')).status).toBe(204);
    // The process that signed out refuses at once; the other once it heard the notice.
    expect(await statusOf(onTwo, '/api/auth/me')).toBe(401);
    expect(await heard(async () => (await statusOf(session, '/api/children')) === 401)).toBe(true);
    expect(await statusOf(session, '/api/auth/me')).toBe(401);
  });

  it('an account disabled through one process is refused by the other, and a role taken away narrows it', async () => {
    const admin = await make.signInAs(one.url, 'admin');
    const shashi = await make.organisationNamed('shashiCivilAffairs');
    const disabled = await make.person('civil_affairs_officer', { organisation: shashi });
    const narrowed = await make.person('civil_affairs_officer', { organisation: shashi });
    const disabledOnTwo = on(two.url, await signIn(one.url, disabled));
    const narrowedOnTwo = on(two.url, await signIn(one.url, narrowed));
    expect(await statusOf(disabledOnTwo, '/api/children')).toBe(200);
    expect(await statusOf(narrowedOnTwo, '/api/children')).toBe(200);

    const locked = await admin.request('POST', `/api/users/${disabled.id}/lock`, { locked: true });
    expect(locked.status).toBe(204);
    expect(await heard(async () => (await statusOf(disabledOnTwo, '/api/children')) === 401)).toBe(true);

    const { version } = await database.db
      .selectFrom('users')
      .select('version')
      .where('id', '=', narrowed.id)
      .executeTakeFirstOrThrow();
    const changed = await admin.request('PUT', `/api/users/${narrowed.id}/roles`, { roles: [], version });
    expect(changed.status).toBe(200);
    // Still signed in, without the role: the file list is refused, the account still answers.
    expect(await heard(async () => (await statusOf(narrowedOnTwo, '/api/children')) === 403)).toBe(true);
    expect(await statusOf(narrowedOnTwo, '/api/auth/me')).toBe(200);
  });

  it('a sweep round both processes tick for runs once, and each alert is raised once', async () => {
    const hotline = await make.as('hotline.12338');
    await make.report(hotline, { divisionCode: '421002101201', unknownChild: '陈龙村三组一名儿童' });
    // The report's acknowledgement clocks, a month overdue: every escalation level is due.
    const backdated = await sql<{ id: string }>`
      WITH moved AS (
        UPDATE clock_escalations SET next_escalation_at = next_escalation_at - interval '30 days'
        WHERE next_escalation_at IS NOT NULL
          AND clock_id IN (SELECT id FROM clocks WHERE state = 'running') RETURNING clock_id
      )
      UPDATE clocks SET due_at = due_at - interval '30 days' WHERE id IN (SELECT clock_id FROM moved)
      RETURNING id`.execute(database.db);
    const clockIds = backdated.rows.map((row) => row.id);
    expect(clockIds.length).toBeGreaterThan(0);

    // Both processes have logged a round that started after the clocks were backdated.
    const since = Date.now();
    const sharedRound = () => {
      const rounds = new Set(roundsOf(one).map((line) => line.round));
      return roundsOf(two).some((line) => rounds.has(line.round) && Date.parse(line.round) > since);
    };
    expect(await eventually(sharedRound, 120_000)).toBe(true);

    const lines = [...roundsOf(one), ...roundsOf(two)];
    const ranPerRound = new Map<string, number>();
    for (const line of lines)
      ranPerRound.set(line.round, (ranPerRound.get(line.round) ?? 0) + (line.outcome === 'ran' ? 1 : 0));
    expect(
      [...ranPerRound.values()].every((ran) => ran <= 1),
      JSON.stringify(lines),
    ).toBe(true);
    const both = [...ranPerRound.keys()].filter(
      (round) => roundsOf(one).some((l) => l.round === round) && roundsOf(two).some((l) => l.round === round),
    );
    expect(both.length).toBeGreaterThan(0);
    for (const round of both) expect(ranPerRound.get(round), round).toBe(1);

    // Each sweep recorded once per round, and no alert twice.
    const twice = await sql<{ sweep: string }>`
      SELECT sweep FROM sweep_runs GROUP BY sweep, as_of HAVING count(*) > 1`.execute(database.db);
    expect(twice.rows).toEqual([]);
    const escalated = await sql<{ level: number; alerts: number; levels: number; top: number }>`
      SELECT e.escalation_level AS level, count(a.id)::int AS alerts, count(DISTINCT a.level)::int AS levels,
        coalesce(max(a.level), -1)::int AS top
      FROM clock_escalations e LEFT JOIN alerts a ON a.clock_id = e.clock_id
      WHERE e.clock_id = ANY(${clockIds}::uuid[]) GROUP BY e.clock_id`.execute(database.db);
    for (const clock of escalated.rows) {
      expect(clock.level).toBeGreaterThan(0);
      expect(clock.top).toBe(clock.level);
      expect(clock.alerts).toBe(clock.levels);
    }
  });

  it('audited reads and writes through both processes at once keep `haven audit verify` green', async () => {
    const officer = await officerSession();
    const sessions = [officer, on(two.url, officer)];
    const child = await make.child({ residenceCode: '421002101201' });
    const before = await auditCount();
    const requests = Array.from({ length: 40 }, (_, n) => {
      const session = sessions[n % 2]!;
      return n % 4 < 2
        ? session.request('GET', `/api/children/${child.id}`)
        : session.request('POST', '/api/children', {
            residenceCode: '421002101201',
            name: `${['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈'][n % 10]}${['晓', '思', '雨', '嘉'][n % 4]}${['涵', '宁', '泽', '瑶', '轩'][Math.floor(n / 8)]}`,
            birthDate: `201${n % 8}-0${1 + (n % 9)}-1${n % 10}`,
            sex: n % 2 === 0 ? 'female' : 'male',
            confirmedNotDuplicate: true,
          });
    });
    const statuses = await Promise.all(requests.map(async (response) => (await response).status));
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(await auditCount()).toBeGreaterThanOrEqual(before + 40);

    const verify = await home.run(['audit', 'verify'], { timeoutMs: 300_000 });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/The audit log is intact/);
  });

  it('a ledger commit job queued through one process runs once, whichever process claims it', async () => {
    const officer = await officerSession();
    const uploaded = await fetch(`${one.url}/api/imports?fileName=${encodeURIComponent('岑河镇台账.xlsx')}`, {
      method: 'POST',
      headers: {
        cookie: officer.cookie,
        'x-csrf-token': officer.csrfToken,
        'content-type': 'application/octet-stream',
      },
      body: await townshipLedger(),
    });
    expect(uploaded.status).toBe(201);
    const batch = (await uploaded.json()) as ImportBatchView;
    const onOne = on(one.url, officer);
    expect((await onOne.request('POST', `/api/imports/${batch.id}/dry-run`)).status).toBe(200);
    expect(
      (
        await onOne.request('POST', `/api/imports/${batch.id}/commit`, undefined, {
          'idempotency-key': 'two-processes',
        })
      ).status,
    ).toBe(202);

    const committed = async () =>
      ((await (await officer.request('GET', `/api/imports/${batch.id}`)).json()) as ImportBatchView).status ===
      'committed';
    expect(await eventually(committed, 120_000)).toBe(true);
    // The batch is committed inside the job; the runner marks the job done after it returns.
    const jobsNow = () =>
      database.db.selectFrom('jobs').select(['state', 'attempts']).where('kind', '=', 'ledger.commit').execute();
    expect(await eventually(async () => (await jobsNow()).every((job) => job.state === 'done'), 60_000)).toBe(true);
    expect(await jobsNow()).toEqual([{ state: 'done', attempts: 1 }]);
    const done = (await (await officer.request('GET', `/api/imports/${batch.id}`)).json()) as ImportBatchView;
    expect(done).toMatchObject({ progress: { createdChildren: 4 } });
  });
});

async function auditCount(): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(database.db);
  return row.rows[0]?.n ?? 0;
}
