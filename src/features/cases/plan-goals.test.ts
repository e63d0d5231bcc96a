import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanGoalDue } from '../../contract/my-work/my-work.js';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let worker: ApiSession;
let outsider: ApiSession;
let caseId: string;
let seq: number;
let ids: { shashi: string; socialWork: string };

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const goalsOf = async (session: ApiSession) =>
  (await json<{ planGoals: PlanGoalDue[] }>(await session.request('GET', '/api/my-work'))).planGoals;

async function plan(goals: { goal: string; responsibleOrgId: string; dueOn: string; status?: string }[]) {
  const answer = await officer.request('POST', `/api/cases/${caseId}/actions`, {
    type: 'assistance_plan',
    expectedSeq: seq,
    goals,
    benefitTasks: [],
  });
  expect(answer.status).toBe(200);
  seq = (await json<{ seq: number }>(answer)).seq;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  const child = await make.child({ name: '周小禾', residenceCode: places.chenlong, birthDate: '2013-09-01' });
  const opened = await make.openCase(await make.as('officer.shashi'), { childId: child.id });
  caseId = opened.id;
  officer = await make.signInAs(server.url, 'officer.shashi');
  worker = await make.signInAs(server.url, 'socialworker');
  outsider = await make.signInAs(server.url, 'officer.gongan');
  ids = {
    shashi: (await make.organisationNamed('shashiCivilAffairs')).id,
    socialWork: (await make.organisationNamed('socialWorkA')).id,
  };
  const acknowledged = await officer.request('POST', `/api/cases/${caseId}/actions`, {
    type: 'acknowledge',
    expectedSeq: opened.seq,
  });
  expect(acknowledged.status, await acknowledged.clone().text()).toBe(200);
  const assessed = await officer.request('POST', `/api/cases/${caseId}/actions`, {
    type: 'assessment',
    expectedSeq: (await json<{ seq: number }>(acknowledged)).seq,
    scores: {
      safety: 3,
      guardianship_capacity: 3,
      physical_health: 1,
      mental_health: 2,
      education: 1,
      living_conditions: 2,
    },
  });
  expect(assessed.status, await assessed.clone().text()).toBe(200);
  seq = (await json<{ seq: number }>(assessed)).seq;
}, 180_000);
afterAll(async () => server?.close());

describe('goals of a case plan in the responsible organisation’s "my work"', () => {
  it('an open goal past its due day is overdue for its organisation; done, far off or another’s goals are not listed', async () => {
    await plan([
      { goal: '落实临时监护人', responsibleOrgId: ids.shashi, dueOn: day(-10) },
      { goal: '办理低保', responsibleOrgId: ids.shashi, dueOn: day(-20), status: 'done' },
      { goal: '恢复上学', responsibleOrgId: ids.shashi, dueOn: day(30) },
      { goal: '心理疏导', responsibleOrgId: ids.socialWork, dueOn: day(3) },
    ]);
    expect(await goalsOf(officer)).toEqual([
      expect.objectContaining({ caseId, index: 0, goal: '落实临时监护人', dueOn: day(-10), overdue: true }),
    ]);
    // Due within the week, not yet late: listed for its organisation, not overdue.
    expect(await goalsOf(worker)).toEqual([
      expect.objectContaining({ caseId, index: 3, goal: '心理疏导', status: 'planned', overdue: false }),
    ]);
    expect(await goalsOf(outsider)).toEqual([]);
  });

  it('the current plan counts: a later plan that marks the goal done takes it out of the list', async () => {
    await plan([
      { goal: '落实临时监护人', responsibleOrgId: ids.shashi, dueOn: day(-10), status: 'done' },
      { goal: '心理疏导', responsibleOrgId: ids.socialWork, dueOn: day(-1), status: 'in_progress' },
    ]);
    expect(await goalsOf(officer)).toEqual([]);
    expect(await goalsOf(worker)).toEqual([
      expect.objectContaining({ index: 1, status: 'in_progress', overdue: true }),
    ]);
  });
});
