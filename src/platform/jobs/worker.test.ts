import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../access/actor.js';
import type { Database } from '../db/schema.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { type JobHandler, retryDelayMs, runNextJob, startJobRunner } from './worker.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const enqueue = (
  kind: string,
  payload: Record<string, unknown> = {},
  extra: { dedupeKey?: string; maxAttempts?: number } = {},
) =>
  unitOfWork(database.db, systemActor('test'), 'test.enqueue', async ({ enqueue: add }) =>
    add({ kind, payload, ...extra }),
  );

describe('the job queue', () => {
  it('runs a job queued by a committed change, once', async () => {
    const seen: unknown[] = [];
    const handlers = new Map<string, JobHandler>([['note', async (payload) => void seen.push(payload)]]);
    await enqueue('note', { n: 1 });
    expect(await runNextJob(database.db, handlers)).toBe(true);
    expect(await runNextJob(database.db, handlers)).toBe(false);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('does not queue the job of a change that rolled back', async () => {
    await expect(
      unitOfWork(database.db, systemActor('test'), 'test.rollback', async ({ enqueue: add }) => {
        await add({ kind: 'never' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = await database.db.selectFrom('jobs').select('id').where('kind', '=', 'never').execute();
    expect(count).toHaveLength(0);
  });

  it('retries a failing job with growing delays, then marks it failed', async () => {
    let calls = 0;
    const handlers = new Map<string, JobHandler>([
      [
        'flaky',
        async () =>
          void ((calls += 1),
          (() => {
            throw new Error('down');
          })()),
      ],
    ]);
    await enqueue('flaky', {}, { maxAttempts: 2 });
    let now = new Date();
    expect(await runNextJob(database.db, handlers, undefined, now)).toBe(true);
    expect(await runNextJob(database.db, handlers, undefined, now)).toBe(false);
    now = new Date(now.getTime() + retryDelayMs(1) + 1000);
    expect(await runNextJob(database.db, handlers, undefined, now)).toBe(true);
    const job = await database.db.selectFrom('jobs').selectAll().where('kind', '=', 'flaky').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'failed', attempts: 2, last_error: 'down' });
    expect(calls).toBe(2);
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
  });

  it('lets two workers share the queue without running a job twice', async () => {
    const ran: string[] = [];
    const handlers = new Map<string, JobHandler>([['share', async (payload) => void ran.push(String(payload.n))]]);
    for (let n = 0; n < 20; n += 1) await enqueue('share', { n });
    const worker = async () => {
      while (await runNextJob(database.db, handlers)) {
        // keep draining
      }
    };
    await Promise.all([worker(), worker()]);
    expect(ran.sort()).toEqual(Array.from({ length: 20 }, (_, n) => String(n)).sort());
  });

  it('keeps one waiting job per dedupe key', async () => {
    await enqueue('dedupe', { n: 1 }, { dedupeKey: 'k' });
    await enqueue('dedupe', { n: 2 }, { dedupeKey: 'k' });
    const rows = await database.db.selectFrom('jobs').select('payload').where('kind', '=', 'dedupe').execute();
    expect(rows.map((r) => r.payload)).toEqual([{ n: 1 }]);
  });

  it('hands back a job whose outcome it could not write while the database was away, and runs it once it is back', async () => {
    // A pool that refuses to connect while `down`, as when PostgreSQL is not there.
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    let down = false;
    const refusing = {
      connect: () =>
        down
          ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))
          : pool.connect(),
      end: () => pool.end(),
    };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: refusing }) });
    let calls = 0;
    const handlers = new Map<string, JobHandler>([
      [
        'outage',
        async () => {
          calls += 1;
          // The database goes away while the job runs: its outcome cannot be written.
          if (calls === 1) down = true;
        },
      ],
    ]);
    const logged: string[] = [];
    const logger = { info: () => undefined, error: (_: object, message: string) => void logged.push(message) };
    await enqueue('outage');
    const runner = startJobRunner(db, handlers, { pollMs: 50, logger });
    try {
      const stateOf = async () =>
        (await database.db.selectFrom('jobs').select('state').where('kind', '=', 'outage').executeTakeFirstOrThrow())
          .state;
      for (let i = 0; i < 400 && !logged.includes('job runner waits for the database'); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(logged).toContain('job runner waits for the database');
      expect(await stateOf()).toBe('running');

      down = false;
      for (let i = 0; i < 400 && (await stateOf()) !== 'done'; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await stateOf()).toBe('done');
      expect(calls).toBe(2);
      // Said once for the outage, not once per poll.
      expect(logged.filter((m) => m === 'job runner waits for the database')).toHaveLength(1);
    } finally {
      down = false;
      await runner.stop();
      await db.destroy();
    }
  });
});
