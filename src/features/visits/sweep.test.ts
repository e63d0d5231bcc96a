import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { registerSweep, runSweeps } from '../../platform/jobs/sweeps.js';
import { visitScheduleSweep } from './sweep.js';

const village = '421002101201';
// 10:00 in Shanghai on the given day.
const at = (date: string) => new Date(`${date}T02:00:00Z`);

describe('the visit schedule sweep between two runs', () => {
  let db: TestDatabase;
  const run = async (date: string) => {
    const reports = await runSweeps(db.db, at(date));
    return reports === 'busy' ? undefined : reports.find((r) => r.sweep === 'visits.schedule')?.outcome;
  };
  const add = async (name: string, birthDate: string, createdAt: string) =>
    (
      await db.db
        .insertInto('children')
        .values({
          name,
          birth_date: birthDate,
          residence_code: village,
          hukou_code: village,
          created_at: at(createdAt),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const running = async (id: string) =>
    (
      await db.db
        .selectFrom('clocks')
        .select('rule')
        .where('subject_id', '=', id)
        .where('state', '=', 'running')
        .orderBy('rule')
        .execute()
    ).map((c) => c.rule);
  // Behind the sweep's back: no write to anything that marks the child.
  const stopBehind = (id: string) =>
    db.db
      .updateTable('clocks')
      .set({ state: 'met', stopped_at: at('2026-06-01') })
      .where('subject_id', '=', id)
      .execute();
  const visit = (id: string, on: string) =>
    db.db
      .insertInto('home_visits')
      .values({ child_id: id, visited_on: on, kind: 'first', visitor_name: '村儿童主任', findings: JSON.stringify({}) })
      .execute();

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.db
      .insertInto('organisations')
      .values({ name: '沙市区某村村委会', kind: 'village_committee', division_code: village })
      .execute();
    registerSweep(visitScheduleSweep);
  });
  afterAll(async () => db.drop());

  let first: string;
  let leftBehind: string;

  it('reads every child on its first run, and no child when nothing changed', async () => {
    first = await add('首次走访', '2018-03-01', '2026-06-01');
    expect(await run('2026-06-01')).toMatchObject({ first: 1, screening: 1, full: 1 });
    expect(await running(first)).toEqual(['visit.first', 'visit.screening']);
    // The mark its registration left is read once more (a full pass leaves the marks for the next run).
    expect(await run('2026-06-02')).toEqual({ first: 0, routine: 0, screening: 0, stopped: 0, children: 1, full: 0 });
    expect(await run('2026-06-02')).toEqual({ first: 0, routine: 0, screening: 0, stopped: 0, children: 0, full: 0 });
  });

  it('picks up a child registered, visited or re-graded since the last run, and reads no one else', async () => {
    const registered = await add('新登记', '2019-05-05', '2026-06-02');
    await visit(first, '2026-06-02');
    await stopBehind(first);
    await db.db.updateTable('children').set({ risk_grade: 'high' }).where('id', '=', first).execute();
    expect(await run('2026-06-03')).toMatchObject({ first: 1, routine: 1, screening: 2, children: 2, full: 0 });
    expect(await running(registered)).toEqual(['visit.first', 'visit.screening']);
    expect(await running(first)).toEqual(['visit.routine', 'visit.screening']);
  });

  it('an unchanged child is not read (its clock stopped behind the sweep stays stopped) until the weekly full pass', async () => {
    await stopBehind(first);
    expect(await run('2026-06-04')).toMatchObject({ routine: 0, screening: 0, children: 0, full: 0 });
    expect(await running(first)).toEqual([]);
    expect(await run('2026-06-08')).toMatchObject({ routine: 1, screening: 1, full: 1 });
    expect(await running(first)).toEqual(['visit.routine', 'visit.screening']);
  });

  it('ends a routine rule the calendar ended (a category end date, the age limit) without any write', async () => {
    leftBehind = await add('留守', '2010-06-12', '2026-06-08');
    await db.db
      .insertInto('child_categories')
      .values({ child_id: leftBehind, category: 'left_behind', state: 'confirmed', start_date: '2026-01-01' })
      .execute();
    await visit(leftBehind, '2026-06-08');
    expect(await run('2026-06-09')).toMatchObject({ routine: 1, full: 0 });
    expect(await running(leftBehind)).toEqual(['visit.routine', 'visit.screening']);
    // Sixteen on 12 June: the left-behind visit rule ends at 16, with no write to the child.
    expect(await run('2026-06-13')).toMatchObject({ stopped: 1, children: 1, full: 0 });
    expect(await running(leftBehind)).toEqual(['visit.screening']);
  });

  it('a full pass after the incremental runs changes nothing', async () => {
    await db.db.deleteFrom('sweep_runs').where('sweep', '=', 'visits.schedule').execute();
    expect(await run('2026-06-13')).toMatchObject({ first: 0, routine: 0, screening: 0, stopped: 0, full: 1 });
  });

  it('a replay as of a moment before a large ledger import defers every imported child to a later run', async () => {
    // More children than one statement may carry parameters (65,535): the deferral is one array.
    const imported = 70_000;
    await sql`INSERT INTO children (name, birth_date, residence_code, hukou_code, created_at)
      SELECT '导入' || g, DATE '2015-01-01', ${village}, ${village}, ${at('2026-06-20')}
      FROM generate_series(1, ${imported}) AS g`.execute(db.db);
    expect(await run('2026-06-15')).toMatchObject({ first: 0, screening: 0, full: 0 });
    const marked = await db.db
      .selectFrom('visit_schedule_dirty')
      .select(sql<number>`count(DISTINCT child_id)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(marked.n).toBe(imported);
  });
});
