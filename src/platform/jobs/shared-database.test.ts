import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../access/actor.js';
import { type Db, openPool } from '../db/connect.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { registerSweep, roundStart, runScheduledSweeps } from './sweeps.js';
import { type JobHandler, requeueAbandonedJobs, runNextJob, startJobRunner } from './worker.js';

/*
 * Two Haven processes on one database, as two pools (each process has its own): jobs are claimed
 * once and a starting process leaves alone what a live one runs; a scheduled sweep round runs once.
 * test/cli/two-processes.test.ts does the same with two real `haven serve` processes.
 */
let database: TestDatabase;
let other: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  other = await openPool(database.url, undefined, 4);
});
afterAll(async () => {
  await other.close();
  await database.drop();
});

const enqueue = (kind: string, payload: Record<string, unknown> = {}) =>
  unitOfWork(database.db, systemActor('test'), 'test.enqueue', async ({ enqueue: add }) => add({ kind, payload }));

const stateOf = async (kind: string) =>
  (
    await database.db
      .selectFrom('jobs')
      .select(['state', 'attempts'])
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow()
  ).state;

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 2000; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the condition did not come true');
}

describe('jobs shared by two processes', () => {
  it('a starting process leaves a live one’s running job alone, and hands back a dead one’s', async () => {
    let release: () => void = () => undefined;
    let started = false;
    const handlers = new Map<string, JobHandler>([
      [
        'long',
        () =>
          new Promise<void>((resolve) => {
            started = true;
            release = resolve;
          }),
      ],
    ]);
    await enqueue('long');
    const running = runNextJob(database.db, handlers);
    await until(() => started);

    // The second process starts (and a runner's periodic check): the job's owner is alive.
    expect(await requeueAbandonedJobs(other.db)).toBe(0);
    expect(await stateOf('long')).toBe('running');

    // The owner's connection dies as its process would: its lock goes with it.
    const holder = await sql<{ pid: number }>`
      SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 720403 AND granted`.execute(other.db);
    expect(holder.rows).toHaveLength(1);
    await sql`SELECT pg_terminate_backend(${holder.rows[0]!.pid})`.execute(other.db);
    await until(async () => (await requeueAbandonedJobs(other.db)) === 1);
    expect(await stateOf('long')).toBe('queued');

    release();
    await running;
  });

  it('two runners on two pools run each of many jobs exactly once', async () => {
    const runs = new Map<number, number>();
    const handlers = new Map<string, JobHandler>([
      [
        'count',
        async (payload) => {
          const n = Number(payload.n);
          runs.set(n, (runs.get(n) ?? 0) + 1);
          await new Promise((resolve) => setImmediate(resolve));
        },
      ],
    ]);
    for (let n = 0; n < 40; n += 1) await enqueue('count', { n });
    const first = startJobRunner(database.db, handlers, { pollMs: 50 });
    const second = startJobRunner(other.db, handlers, { pollMs: 50 });
    try {
      // A third process starting meanwhile finds nothing abandoned.
      let handedBack = 0;
      await until(async () => {
        handedBack += await requeueAbandonedJobs(other.db);
        const left = await database.db
          .selectFrom('jobs')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('kind', '=', 'count')
          .where('state', '<>', 'done')
          .executeTakeFirstOrThrow();
        return left.n === 0;
      });
      expect(handedBack).toBe(0);
    } finally {
      await first.stop();
      await second.stop();
    }
    expect([...runs.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    const attempts = await database.db.selectFrom('jobs').select('attempts').where('kind', '=', 'count').execute();
    expect(attempts.every((row) => row.attempts === 1)).toBe(true);
  });
});

describe('scheduled sweep rounds shared by two processes', () => {
  it('run once per round whoever ticks, and never an older round', async () => {
    let ran = 0;
    registerSweep({
      name: 'test.count-rounds',
      async run() {
        ran += 1;
        return { ran };
      },
    });
    const round = roundStart(new Date('2026-05-04T03:07:11Z'), 300_000);
    expect(round.toISOString()).toBe('2026-05-04T03:05:00.000Z');

    const outcomes = await Promise.all([runScheduledSweeps(database.db, round), runScheduledSweeps(other.db, round)]);
    expect(outcomes.filter((outcome) => Array.isArray(outcome))).toHaveLength(1);
    expect(outcomes.filter((outcome) => !Array.isArray(outcome))[0]).toMatch(/^(busy|already-run)$/);
    expect(ran).toBe(1);
    // Ticking again for the same round, or a late tick for an older one, runs nothing.
    expect(await runScheduledSweeps(other.db, round)).toBe('already-run');
    expect(await runScheduledSweeps(database.db, new Date(round.getTime() - 300_000))).toBe('already-run');
    expect(ran).toBe(1);
    const next = await runScheduledSweeps(other.db, new Date(round.getTime() + 300_000));
    expect(Array.isArray(next)).toBe(true);
    expect(ran).toBe(2);
    const recorded = await database.db
      .selectFrom('sweep_runs')
      .select('as_of')
      .where('sweep', '=', 'test.count-rounds')
      .orderBy('as_of')
      .execute();
    expect(recorded.map((row) => new Date(row.as_of).toISOString())).toEqual([
      '2026-05-04T03:05:00.000Z',
      '2026-05-04T03:10:00.000Z',
    ]);
  });
});
