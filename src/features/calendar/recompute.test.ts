import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { factories } from '../../../test/support/factories.js';
import { clockIdRanges, startClock } from '../../core/clocks/index.js';
import { systemActor } from '../../platform/access/actor.js';
import { resolveRuleSet } from '../../platform/rules/rule-set.js';
import { finishPendingRecomputes, pendingLoads, RECOMPUTE_BATCHES } from './recompute.js';
import { loadCalendarYear } from './service.js';

let db: TestDatabase;
let owner: string;
const rules = resolveRuleSet([], '421002001001', '2026-12-01');
const actor = systemActor('test');
// Made up for the test: New Year off, and a working Sunday 24 January that takes a day back.
const year2027 = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-24'] };
const clocks: Record<'moved' | 'settled' | 'sameDay', string> = { moved: '', settled: '', sameDay: '' };
const filler: string[] = [];

const start = (startedAt: string, workingDays: number, childId: string | null = null) =>
  db.db.transaction().execute((trx) =>
    startClock(trx, rules, {
      rule: 'application.test',
      ownerOrgId: owner,
      subjectType: 'application',
      subjectId: crypto.randomUUID(),
      childId,
      divisionCode: '421002001001',
      startedAt: new Date(`${startedAt}T10:00:00+08:00`),
      duration: { workingDays },
    }),
  );
const clock = (id: string) =>
  db.db.selectFrom('clocks').select(['due_at', 'provisional']).where('id', '=', id).executeTakeFirstOrThrow();
const historyOf = (id: string) => db.db.selectFrom('clock_changes').selectAll().where('clock_id', '=', id).execute();
const timelineOf = (id: string) =>
  db.db
    .selectFrom('child_timeline')
    .selectAll()
    .where('kind', '=', 'clock.recomputed')
    .where('entity_id', '=', id)
    .execute();

beforeAll(async () => {
  db = await createTestDatabase();
  const make = factories(db.db);
  const { rows } = await sql<{ id: string }>`
    INSERT INTO organisations (name, kind, division_code) VALUES ('school', 'school', '421002000000') RETURNING id`.execute(
    db.db,
  );
  owner = rows[0]!.id;
  // Due Mon 11 Jan 2027 on weekends alone; New Year's Day off moves it to Tue 12 Jan.
  clocks.moved = await start('2026-12-21', 15, (await make.child()).id);
  // Due Mon 16 Nov 2026: settled, nothing of 2027 in it.
  clocks.settled = await start('2026-11-02', 10, (await make.child()).id);
  // Due Mon 25 Jan 2027 either way (1 January off, Sunday 24 January worked): only becomes final.
  clocks.sameDay = await start('2026-12-28', 20, (await make.child()).id);
  for (let i = 0; i < 40; i += 1) filler.push(await start(`2026-12-${21 + (i % 10)}`, 15 + (i % 5)));
});
afterAll(async () => db.drop());

describe('the calendar load recomputes in batches that a re-run finishes', () => {
  it('a load stopped halfway leaves each clock old or new; the re-run finishes it, one history row per clock', async () => {
    const before = new Map(
      await Promise.all([...Object.values(clocks), ...filler].map(async (id) => [id, await clock(id)] as const)),
    );
    const stopAt = RECOMPUTE_BATCHES / 2;
    await expect(
      loadCalendarYear(db.db, actor, 2027, year2027, 'cli', new Date(), {
        concurrency: 1,
        beforeBatch: (batch) => {
          if (batch === stopAt) throw new Error('stopped halfway');
        },
      }),
    ).rejects.toThrow('stopped halfway');
    const [pending] = await pendingLoads(db.db);
    expect(pending).toMatchObject({ year: 2027 });
    const done = await db.db.selectFrom('holiday_recompute_batches').select('batch').orderBy('batch').execute();
    expect(done.map((b) => b.batch)).toEqual(Array.from({ length: stopAt }, (_, i) => i));
    const bound = clockIdRanges(RECOMPUTE_BATCHES)[stopAt]!.from!;
    for (const id of [clocks.moved, clocks.sameDay, ...filler]) {
      const now = await clock(id);
      const history = await historyOf(id);
      if (id < bound) {
        expect(now.provisional, id).toBe(false);
        expect(history, id).toHaveLength(1);
      } else {
        expect(now, id).toEqual(before.get(id));
        expect(history, id).toHaveLength(0);
      }
    }

    await finishPendingRecomputes(db.db, actor, new Date());
    expect(await pendingLoads(db.db)).toEqual([]);
    for (const id of [clocks.moved, clocks.sameDay, ...filler]) {
      expect((await clock(id)).provisional, id).toBe(false);
      expect(await historyOf(id), id).toHaveLength(1);
    }
    const arrangement = await db.db
      .selectFrom('holiday_arrangements')
      .select(['clocks_recomputed', 'recomputed_at'])
      .executeTakeFirstOrThrow();
    expect(arrangement.clocks_recomputed).toBe(42);
    expect(arrangement.recomputed_at).not.toBeNull();
  });

  it('a clock the arrangement moves has its history and a timeline entry', async () => {
    expect(await clock(clocks.moved)).toEqual({ due_at: new Date('2027-01-12T23:59:59+08:00'), provisional: false });
    expect(await historyOf(clocks.moved)).toMatchObject([
      {
        kind: 'recomputed',
        due_before: new Date('2027-01-11T23:59:59+08:00'),
        due_after: new Date('2027-01-12T23:59:59+08:00'),
        provisional_before: true,
        provisional_after: false,
      },
    ]);
    expect(await timelineOf(clocks.moved)).toMatchObject([
      {
        before: { provisional: true },
        after: { provisional: false },
        reason: expect.stringContaining('calendar 2027'),
      },
    ]);
  });

  it('an unmoved clock gets neither; one that keeps its day and only becomes final has its history alone', async () => {
    expect(await clock(clocks.settled)).toEqual({ due_at: new Date('2026-11-16T23:59:59+08:00'), provisional: false });
    expect(await historyOf(clocks.settled)).toEqual([]);
    expect(await timelineOf(clocks.settled)).toEqual([]);
    expect(await clock(clocks.sameDay)).toEqual({ due_at: new Date('2027-01-25T23:59:59+08:00'), provisional: false });
    expect(await historyOf(clocks.sameDay)).toHaveLength(1);
    expect(await timelineOf(clocks.sameDay)).toEqual([]);
  });

  it('loading the same arrangement again, or finishing again, changes nothing', async () => {
    const count = async () =>
      (
        await sql<{ history: number; timeline: number }>`
          SELECT (SELECT count(*) FROM clock_changes)::int AS history,
            (SELECT count(*) FROM child_timeline WHERE kind = 'clock.recomputed')::int AS timeline`.execute(db.db)
      ).rows[0];
    const before = await count();
    expect(await finishPendingRecomputes(db.db, actor, new Date())).toBe(0);
    const again = await loadCalendarYear(db.db, actor, 2027, year2027, 'cli');
    expect(again).toMatchObject({ year: 2027, examined: 0, changed: 0 });
    expect(await count()).toEqual(before);
    expect(await clock(clocks.moved)).toEqual({ due_at: new Date('2027-01-12T23:59:59+08:00'), provisional: false });
  });
});
