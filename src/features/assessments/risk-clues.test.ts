import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadRuleSets } from '../../platform/rules/store.js';
import { startRiskClueClocks } from './risk-clues.js';

const village = '421002101201';
const villageWithoutCommittee = '421002101202';
const at = (iso: string) => new Date(iso);

/**
 * Which children a day's clues start a risk-clue clock for, and whose it is: the clues answered
 * (a risk-clue clock running, or started at or after the clue; an assessment since) are read before
 * the child, and the owners are resolved per residence — the same clocks as one child at a time.
 */
describe('risk-clue clocks from a day of key-attention visits', () => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};
  const orgs: Record<string, string> = {};

  const child = async (name: string, residence = village, status: 'active' | 'exited' = 'active') => {
    const { id } = await db.db
      .insertInto('children')
      .values({ name, birth_date: '2015-01-01', residence_code: residence, hukou_code: residence, status })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[name] = id;
    return id;
  };
  const clue = (childId: string, createdAt: string) =>
    db.db
      .insertInto('home_visits')
      .values({
        child_id: childId,
        visited_on: createdAt.slice(0, 10),
        kind: 'routine',
        visitor_name: '村儿童主任',
        key_attention: true,
        findings: JSON.stringify({}),
        created_at: at(createdAt),
      })
      .execute();
  const riskClock = (childId: string, startedAt: string, state: 'running' | 'met') =>
    db.db
      .insertInto('clocks')
      .values({
        rule: 'assessment.risk_clue',
        owner_org_id: orgs.village!,
        subject_type: 'assessment',
        subject_id: childId,
        child_id: childId,
        division_code: village,
        started_at: at(startedAt),
        due_at: at('2026-06-20T00:00:00Z'),
        state,
        stopped_at: state === 'met' ? at('2026-06-05T00:00:00Z') : null,
        escalation_hours: [0, 24],
      })
      .execute();
  const assessed = (childId: string, createdAt: string) =>
    db.db
      .insertInto('guardianship_assessments')
      .values({
        child_id: childId,
        assessed_on: createdAt.slice(0, 10),
        trigger: 'other',
        answers: JSON.stringify({}),
        overrides: [],
        overridden: false,
        capped_by: [],
        score: 90,
        by_indicator: JSON.stringify({}),
        scored_grade: 'normal',
        grade: 'normal',
        risk_grade: 'low',
        rule_set_version: 'test',
        assessor_name: '评估员',
        created_at: at(createdAt),
      })
      .execute();

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const [key, kind, code] of [
      ['village', 'village_committee', village],
      ['township', 'township_government', '421002101000'],
    ] as const) {
      orgs[key] = (
        await db.db
          .insertInto('organisations')
          .values({ name: key, kind, division_code: code })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
  });
  afterAll(async () => db.drop());

  it('starts one clock from the clue for each child whose clue is not answered, owned by the nearest body', async () => {
    const clueAt = '2026-06-10T02:00:00.000Z';
    const unanswered = await child('未回应');
    await clue(unanswered, clueAt);
    const running = await child('已有时钟');
    await riskClock(running, '2026-06-01T00:00:00Z', 'running');
    await clue(running, clueAt);
    const stoppedBefore = await child('旧时钟已停');
    await riskClock(stoppedBefore, '2026-06-01T00:00:00Z', 'met');
    await clue(stoppedBefore, clueAt);
    const startedSince = await child('线索后已启动');
    await riskClock(startedSince, '2026-06-10T03:00:00Z', 'met');
    await clue(startedSince, clueAt);
    const assessedSince = await child('线索后已评估');
    await assessed(assessedSince, '2026-06-10T04:00:00Z');
    await clue(assessedSince, clueAt);
    const assessedBefore = await child('线索前评估');
    await assessed(assessedBefore, '2026-06-09T04:00:00Z');
    await clue(assessedBefore, clueAt);
    const exited = await child('已退出', village, 'exited');
    await clue(exited, clueAt);
    const township = await child('村无村委会', villageWithoutCommittee);
    await clue(township, clueAt);
    // Before the window: not a clue of this run.
    const earlier = await child('窗口之前');
    await clue(earlier, '2026-06-08T02:00:00.000Z');

    const resolver = await loadRuleSets(db.db);
    const window = { from: at('2026-06-09T16:00:00Z'), until: at('2026-06-10T16:00:00Z'), day: '2026-06-10', resolver };
    expect(await startRiskClueClocks(db.db, window)).toEqual({ clues: 8, started: 4 });

    const started = await db.db
      .selectFrom('clocks')
      .select(['subject_id', 'owner_org_id', 'division_code', 'started_at', 'counts_working_days'])
      .where('rule', '=', 'assessment.risk_clue')
      .where('state', '=', 'running')
      .where('subject_id', '!=', running)
      .orderBy('division_code')
      .orderBy('subject_id')
      .execute();
    const byChild = Object.fromEntries(started.map((row) => [row.subject_id, row]));
    expect(Object.keys(byChild).sort()).toEqual([unanswered, stoppedBefore, assessedBefore, township].sort());
    for (const id of [unanswered, stoppedBefore, assessedBefore])
      expect(byChild[id]).toEqual({
        subject_id: id,
        owner_org_id: orgs.village,
        division_code: village,
        started_at: at(clueAt),
        counts_working_days: true,
      });
    expect(byChild[township]).toMatchObject({ owner_org_id: orgs.township, division_code: villageWithoutCommittee });
    // Each started clock has its escalation row; a second run over the same window starts none.
    const escalations = await db.db
      .selectFrom('clock_escalations')
      .innerJoin('clocks', 'clocks.id', 'clock_escalations.clock_id')
      .select('clock_escalations.next_escalation_at')
      .where('clocks.rule', '=', 'assessment.risk_clue')
      .where('clocks.state', '=', 'running')
      .execute();
    expect(escalations.length).toBeGreaterThanOrEqual(4);
    expect(await startRiskClueClocks(db.db, window)).toEqual({ clues: 8, started: 0 });
  });
});
