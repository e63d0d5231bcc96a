import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';
import { bestAnswers } from '../../contract/assessments/engine.js';
import { assessmentItemCodes, assessmentItems } from '../../contract/assessments/standard.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { assessmentScheduleSweep } from './sweep.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let director: ApiSession;
const today = shanghaiDateOf(new Date());
const worst = Object.fromEntries(assessmentItemCodes.map((i) => [i, assessmentItems[i].answers.at(-1)]));

const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
interface Assessment {
  id: string;
  version: number;
  grade: string;
  riskGrade: string;
  riskGradeBefore: string | null;
  followUpState: string | null;
  revisions: number;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  director = await make.signInAs(server.url, 'director.chenlong');
}, 180_000);
afterAll(async () => server?.close());

describe('guardianship assessments over HTTP', () => {
  it('a director assesses a child of her village without a case: graded, the child turns red, on the timeline', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    const rules = await json<{ version: string; rules: { cutOffsSource: string } }>(
      await director.request('GET', `/api/children/${child.id}/assessment-rules`),
      200,
    );
    expect(rules.rules.cutOffsSource).toMatch(/haven-default/);
    const made = await json<Assessment>(
      await director.request('POST', '/api/assessments', {
        childId: child.id,
        assessedOn: today,
        trigger: 'risk_clue',
        answers: { ...bestAnswers(), harm: 'harmed_by_guardian' },
      }),
      201,
    );
    expect(made).toMatchObject({ grade: 'missing', riskGrade: 'high', riskGradeBefore: null, followUpState: 'open' });
    const row = await server.database.db
      .selectFrom('children')
      .select('risk_grade')
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(row.risk_grade).toBe('high');
    const timeline = await server.database.db
      .selectFrom('child_timeline')
      .select('kind')
      .where('child_id', '=', child.id)
      .where('kind', '=', 'assessment.recorded')
      .execute();
    expect(timeline).toHaveLength(1);
    // "Missing" reaches the county civil affairs in its work, and it takes it up.
    const work = await json<{ guardianshipMissing: { assessmentId: string; version: number }[] }>(
      await officer.request('GET', '/api/my-work'),
      200,
    );
    const item = work.guardianshipMissing.find((i) => i.assessmentId === made.id)!;
    expect(item).toBeDefined();
    const taken = await json<Assessment>(
      await officer.request('POST', `/api/assessments/${made.id}/follow-up`, {
        version: item.version,
        note: '已受理，启动撤销监护资格评估',
      }),
      200,
    );
    expect(taken.followUpState).toBe('taken_up');
    const after = await json<{ guardianshipMissing: { assessmentId: string }[] }>(
      await officer.request('GET', '/api/my-work'),
      200,
    );
    expect(after.guardianshipMissing.some((i) => i.assessmentId === made.id)).toBe(false);
  });

  it('a director cannot assess or read a child outside her scope (404)', async () => {
    const far = await make.child({ residenceCode: places.nongli });
    const refused = await director.request('POST', '/api/assessments', {
      childId: far.id,
      assessedOn: today,
      answers: bestAnswers(),
    });
    expect(refused.status).toBe(404);
    expect((await director.request('GET', `/api/children/${far.id}/assessments`)).status).toBe(404);
    const count = await server.database.db
      .selectFrom('guardianship_assessments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('child_id', '=', far.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses an incomplete form and a future date with what and where', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    const { growth: _, ...rest } = bestAnswers();
    const incomplete = await director.request('POST', '/api/assessments', {
      childId: child.id,
      assessedOn: today,
      answers: { ...rest, harm: 'maybe' },
    });
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toMatch(/growth.*harm:maybe/);
    const future = await director.request('POST', '/api/assessments', {
      childId: child.id,
      assessedOn: '2999-01-01',
      answers: bestAnswers(),
    });
    expect(future.status).toBe(400);
  });

  it('a retried POST with the same Idempotency-Key records one assessment', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    const body = { childId: child.id, assessedOn: today, answers: bestAnswers() };
    const headers = { 'idempotency-key': `assess-${child.id}` };
    const first = await json<Assessment>(await director.request('POST', '/api/assessments', body, headers), 201);
    const again = await director.request('POST', '/api/assessments', body, headers);
    expect(again.status).toBe(201);
    expect(((await again.json()) as Assessment).id).toBe(first.id);
    const list = await json<{ items: Assessment[] }>(
      await director.request('GET', `/api/children/${child.id}/assessments`),
      200,
    );
    expect(list.items).toHaveLength(1);
  });

  it('a correction regrades and keeps a revision; a stale edit is refused (409)', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    const made = await json<Assessment>(
      await director.request('POST', '/api/assessments', {
        childId: child.id,
        assessedOn: today,
        answers: bestAnswers(),
      }),
      201,
    );
    expect(made.grade).toBe('normal');
    const corrected = await json<Assessment>(
      await director.request('PATCH', `/api/assessments/${made.id}`, { version: made.version, answers: worst }),
      200,
    );
    expect(corrected).toMatchObject({ grade: 'missing', riskGrade: 'high', version: made.version + 1, revisions: 1 });
    const stale = await director.request('PATCH', `/api/assessments/${made.id}`, {
      version: made.version,
      answers: bestAnswers(),
    });
    expect(stale.status).toBe(409);
  });

  it('the sweep starts the 2-year clock of a scattered orphan, and an assessment meets it and starts the next', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    await server.database.db
      .insertInto('child_categories')
      .values({ child_id: child.id, category: 'orphan', state: 'confirmed', start_date: '2025-03-01' })
      .execute();
    const clocks = () =>
      server.database.db
        .selectFrom('clocks')
        .select(['rule', 'state', 'due_at'])
        .where('child_id', '=', child.id)
        .where('subject_type', '=', 'assessment')
        .orderBy('started_at')
        .execute();
    await assessmentScheduleSweep.run(server.database.db, new Date());
    await assessmentScheduleSweep.run(server.database.db, new Date());
    const started = await clocks();
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ rule: 'assessment.periodic', state: 'running' });
    expect(shanghaiDateOf(new Date(started[0]!.due_at))).toBe('2027-03-01');
    await json(
      await director.request('POST', '/api/assessments', {
        childId: child.id,
        assessedOn: today,
        answers: bestAnswers(),
      }),
      201,
    );
    const after = await clocks();
    expect(after.map((c) => c.state)).toEqual(['met', 'running']);
    expect(new Date(after[1]!.due_at).getTime()).toBeGreaterThan(Date.now() + 700 * 86_400_000);
  });

  it('a report about a child not assessed since starts the assess-now clock', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    await make.report(await make.as('officer.shashi'), { childId: child.id });
    await assessmentScheduleSweep.run(server.database.db, new Date());
    const clock = await server.database.db
      .selectFrom('clocks')
      .select(['rule', 'state'])
      .where('child_id', '=', child.id)
      .where('subject_type', '=', 'assessment')
      .execute();
    expect(clock).toEqual([{ rule: 'assessment.risk_clue', state: 'running' }]);
  });

  it('a grade that calls for visits sooner re-dates the visit schedule (red: weekly from the last visit)', async () => {
    const child = await make.child({ residenceCode: places.chenlong });
    await json(await officer.request('POST', '/api/visits', { childId: child.id, visitedOn: today }), 201);
    const routine = () =>
      server.database.db
        .selectFrom('clocks')
        .select(['state', 'due_at'])
        .where('child_id', '=', child.id)
        .where('rule', '=', 'visit.routine')
        .where('state', '=', 'running')
        .execute();
    expect(await routine()).toHaveLength(0);
    await json(
      await director.request('POST', '/api/assessments', { childId: child.id, assessedOn: today, answers: worst }),
      201,
    );
    const [clock] = await routine();
    expect(shanghaiDateOf(new Date(clock!.due_at))).toBe(
      shanghaiDateOf(new Date(new Date(`${today}T12:00:00+08:00`).getTime() + 7 * 86_400_000)),
    );
  });
});
