import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { registerSweep, runSweeps } from '../../platform/jobs/sweeps.js';
import { assessmentScheduleSweep } from './sweep.js';

const village = '421002101201';
// 10:00 in Shanghai on the given day.
const at = (date: string) => new Date(`${date}T02:00:00Z`);

describe('the assessment schedule sweep between two runs', () => {
  let db: TestDatabase;
  const run = async (date: string) => {
    const reports = await runSweeps(db.db, at(date));
    return reports === 'busy' ? undefined : reports.find((r) => r.sweep === 'assessments.schedule')?.outcome;
  };
  const orphan = async (name: string, date: string) => {
    const { id } = await db.db
      .insertInto('children')
      .values({ name, birth_date: '2015-01-01', residence_code: village, hukou_code: village, created_at: at(date) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.db
      .insertInto('child_categories')
      .values({ child_id: id, category: 'orphan', state: 'confirmed', start_date: date })
      .execute();
    return id;
  };
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

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.db
      .insertInto('organisations')
      .values({ name: '沙市区某村村委会', kind: 'village_committee', division_code: village })
      .execute();
    registerSweep(assessmentScheduleSweep);
  });
  afterAll(async () => db.drop());

  let first: string;
  let second: string;

  it('reads every child of the periodic categories on its first run, and no child when nothing changed', async () => {
    first = await orphan('孤儿甲', '2026-06-01');
    expect(await run('2026-06-01')).toMatchObject({ periodic: 1, full: 1 });
    expect(await running(first)).toEqual(['assessment.periodic']);
    // The marks of its registration are read once more (a full pass leaves them for the next run).
    expect(await run('2026-06-02')).toMatchObject({ periodic: 0, children: 1, full: 0 });
    expect(await run('2026-06-02')).toEqual({ periodic: 0, riskClue: 0, children: 0, clues: 0, full: 0 });
  });

  it('picks up a child whose category was confirmed since the last run', async () => {
    second = await orphan('孤儿乙', '2026-06-03');
    expect(await run('2026-06-03')).toMatchObject({ periodic: 1, children: 1, full: 0 });
    expect(await running(second)).toEqual(['assessment.periodic']);
  });

  it('an unchanged child is not read (its clock stopped behind the sweep stays stopped) until the weekly full pass', async () => {
    await db.db
      .updateTable('clocks')
      .set({ state: 'met', stopped_at: at('2026-06-03') })
      .where('subject_id', '=', first)
      .execute();
    expect(await run('2026-06-04')).toMatchObject({ periodic: 0, children: 0, full: 0 });
    expect(await running(first)).toEqual([]);
    expect(await run('2026-06-08')).toMatchObject({ periodic: 1, full: 1 });
    expect(await running(first)).toEqual(['assessment.periodic']);
  });

  it('a key-attention visit recorded since the last run starts the assess-now clock; a full pass after changes nothing', async () => {
    await db.db
      .insertInto('home_visits')
      .values({
        child_id: second,
        visited_on: '2026-06-09',
        kind: 'routine',
        visitor_name: '村儿童主任',
        key_attention: true,
        findings: JSON.stringify({}),
        created_at: at('2026-06-09'),
      })
      .execute();
    expect(await run('2026-06-09')).toMatchObject({ riskClue: 1, clues: 1, full: 0 });
    expect(await running(second)).toEqual(['assessment.periodic', 'assessment.risk_clue']);
    expect(await run('2026-06-10')).toMatchObject({ riskClue: 0, full: 0 });
    await db.db.deleteFrom('sweep_runs').where('sweep', '=', 'assessments.schedule').execute();
    expect(await run('2026-06-10')).toMatchObject({ periodic: 0, riskClue: 0, clues: 1, full: 1 });
  });
});
