import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let gongan: ApiSession;
let city: ApiSession;
let worker: ApiSession;
let childHere: TestChild;
let childThere: TestChild;
let providerId: string;
let projectId: string;

interface Indicator {
  kind: string;
  target: number;
  actual: number;
  percent: number | null;
}
interface Project {
  id: string;
  version: number;
  indicators: Indicator[];
  budget: { budgetFen: number; paidFen: number; plannedToDateFen: number; paidPercent: number };
  payments: { instalment: number; plannedFen: number; paidFen: number | null; version: number }[];
  evaluations: { stage: string; indicators: Indicator[]; reply: string | null; version: number }[];
}

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
const consent = { guardian: 'given', child: 'given' };
const actual = (project: Project, kind: string) => project.indicators.find((i) => i.kind === kind)?.actual;

const projectBody = (overrides: Record<string, unknown> = {}) => ({
  title: '沙市区困境儿童关爱服务项目',
  contractNumber: 'SS-GM-001',
  providerOrganisationId: providerId,
  startsOn: `${year - 1}-01-01`,
  endsOn: `${year + 1}-12-31`,
  areaCodes: [places.shashi],
  services: ['psychological_counselling', 'family_education_guidance'],
  budgetFen: 30_000_000,
  paymentSchedule: [
    { dueOn: `${year - 1}-01-15`, plannedFen: 12_000_000 },
    { dueOn: `${year + 1}-12-01`, plannedFen: 18_000_000 },
  ],
  indicators: [
    { kind: 'children_served', target: 10 },
    { kind: 'referrals_accepted', target: 4 },
    { kind: 'referrals_completed', target: 4 },
    { kind: 'home_visits', target: 2 },
    { kind: 'counselling_sessions', target: 5 },
    { kind: 'training_hours', target: 8 },
  ],
  ...overrides,
});

/** The provider's worker accepts (and, when asked, completes) a referral the officer makes. */
async function referAndServe(by: ApiSession, child: TestChild, complete: () => Promise<void> = async () => {}) {
  const made = await by.request('POST', '/api/referrals', {
    childId: child.id,
    toOrganisationId: providerId,
    service: 'psychological_counselling',
    shares: ['identity'],
    reason: '孩子情绪低落，需要心理疏导',
    consent,
  });
  expect(made.status).toBe(201);
  const { id } = await json<{ id: string }>(made);
  expect(
    (await worker.request('POST', `/api/referrals/${id}/actions`, { type: 'accept', expectedSeq: 1 })).status,
  ).toBe(200);
  await complete();
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  childHere = await make.child({ name: '周小满', residenceCode: places.chenlong, birthDate: '2014-03-02' });
  childThere = await make.child({ name: '吴小溪', residenceCode: places.nongli, birthDate: '2013-07-09' });
  const provider = await make.organisation({
    name: '沙市区阳光社会工作服务中心',
    kind: 'social_work_organisation',
    divisionCode: places.shashi,
  });
  providerId = provider.id;
  officer = await make.signInAs(server.url, 'officer.shashi');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  city = await make.signInAs(server.url, 'officer.city');
  const signed = await make.signedIn(server.url, 'social_worker', { organisation: provider, displayName: '王社工' });
  worker = signed;
  // Purchased social workers staff the township's child-welfare workstation: the worker is the
  // township's supervisor on the roster, so the visits module lets them record visits.
  const appointed = await officer.request('POST', '/api/roster', {
    post: 'township_supervisor',
    name: '王社工',
    userId: signed.person.id,
    organisationId: provider.id,
    divisionCodes: [places.cenhe],
    employment: 'full_time',
    appointedOn: today,
  });
  expect(appointed.status).toBe(201);

  // The work recorded in Haven: one referral in the area accepted, served and completed; one
  // outside the area (公安县) accepted; a counselling session, a visit and two hours of training.
  await referAndServe(officer, childHere, async () => {
    const session = await worker.request('POST', '/api/service-sessions', {
      kind: 'counselling',
      childId: childHere.id,
      heldOn: today,
      minutes: 50,
    });
    expect(session.status).toBe(201);
    const visit = await worker.request('POST', '/api/visits', {
      childId: childHere.id,
      visitedOn: today,
      kind: 'routine',
      respondentName: '周奶奶',
      respondentRelation: '祖母',
    });
    expect(visit.status).toBe(201);
  }).then(async (id) => {
    for (const [type, expectedSeq] of [
      ['start', 2],
      ['complete', 3],
    ] as const) {
      const body =
        type === 'complete' ? { type, expectedSeq, outcome: '完成八次心理疏导，情绪好转' } : { type, expectedSeq };
      expect((await worker.request('POST', `/api/referrals/${id}/actions`, body)).status).toBe(200);
    }
  });
  await referAndServe(gongan, childThere);
  const training = await worker.request('POST', '/api/service-sessions', {
    kind: 'training',
    divisionCode: places.cenhe,
    heldOn: today,
    minutes: 150,
    attendees: 30,
  });
  expect(training.status).toBe(201);
}, 240_000);
afterAll(async () => server?.close());

describe('defining a purchased-service project', () => {
  it('refuses an indicator Haven cannot compute from recorded work, naming it, and writes nothing', async () => {
    const body = projectBody({
      indicators: [
        { kind: 'children_served', target: 5 },
        { kind: 'satisfaction', target: 90 },
      ],
    });
    const zh = await officer.request('POST', '/api/projects', body);
    expect(zh.status).toBe(400);
    const error = await errorOf(zh);
    expect(error.code).toBe('projects.indicator_uncomputable');
    expect(error.message).toContain('服务满意度');
    expect(error.details[0]?.path).toBe('body.indicators.1.kind');
    const en = await errorOf(await officer.request('POST', '/api/projects', body, { 'accept-language': 'en' }));
    expect(en.message).toContain('Satisfaction');
    expect(en.message).toContain('satisfaction surveys');
    const list = await json<{ projects: unknown[] }>(await officer.request('GET', '/api/projects'));
    expect(list.projects).toHaveLength(0);
  });

  it('keeps amounts in whole fen: a float budget and a schedule that does not add up are refused', async () => {
    const float = await officer.request('POST', '/api/projects', projectBody({ budgetFen: 300_000.5 }));
    expect(float.status).toBe(400);
    const mismatch = await officer.request(
      'POST',
      '/api/projects',
      projectBody({ paymentSchedule: [{ dueOn: `${year}-01-15`, plannedFen: 100 }] }),
    );
    expect(mismatch.status).toBe(400);
    expect((await errorOf(mismatch)).code).toBe('projects.schedule_mismatch');
  });

  it("refuses an area outside the purchaser's jurisdiction", async () => {
    const outside = await officer.request('POST', '/api/projects', projectBody({ areaCodes: [places.gongan] }));
    expect(outside.status).toBe(400);
    expect((await errorOf(outside)).details[0]?.path).toBe('body.areaCodes.0');
  });

  it('is created once: a retried POST with the same Idempotency-Key replays the same project', async () => {
    const key = { 'idempotency-key': 'project-shashi-0001' };
    const first = await officer.request('POST', '/api/projects', projectBody(), key);
    expect(first.status).toBe(201);
    projectId = (await json<Project>(first)).id;
    const again = await officer.request('POST', '/api/projects', projectBody(), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Project>(again)).id).toBe(projectId);
    const list = await json<{ projects: unknown[] }>(await officer.request('GET', '/api/projects'));
    expect(list.projects).toHaveLength(1);
  });
});

describe('outputs counted from the work recorded in Haven', () => {
  it("counts the provider's referrals, visits and sessions inside the project's period and area", async () => {
    const project = await json<Project>(await officer.request('GET', `/api/projects/${projectId}`));
    expect(actual(project, 'referrals_accepted')).toBe(1); // the 公安县 referral lies outside the area
    expect(actual(project, 'referrals_completed')).toBe(1);
    expect(actual(project, 'home_visits')).toBe(1);
    expect(actual(project, 'counselling_sessions')).toBe(1);
    expect(actual(project, 'training_hours')).toBe(2); // 150 minutes: two whole hours
    expect(actual(project, 'children_served')).toBe(1);
    expect(project.indicators.find((i) => i.kind === 'home_visits')?.percent).toBe(50);
  });

  it('counts nothing done outside the period', async () => {
    const past = await officer.request(
      'POST',
      '/api/projects',
      projectBody({
        title: '上一期项目',
        startsOn: `${year - 2}-01-01`,
        endsOn: `${year - 2}-12-31`,
        paymentSchedule: [{ dueOn: `${year - 2}-03-01`, plannedFen: 30_000_000 }],
      }),
    );
    expect(past.status).toBe(201);
    const project = await json<Project>(past);
    expect(project.indicators.every((i) => i.actual === 0)).toBe(true);
  });
});

describe('who sees a project', () => {
  it("answers 404 to another county's officer and leaves it out of their list", async () => {
    expect((await gongan.request('GET', `/api/projects/${projectId}`)).status).toBe(404);
    const list = await json<{ projects: { id: string }[] }>(await gongan.request('GET', '/api/projects'));
    expect(list.projects.map((p) => p.id)).not.toContain(projectId);
  });

  it('shows it to the provider and to the city, and the city compares providers', async () => {
    expect((await worker.request('GET', `/api/projects/${projectId}`)).status).toBe(200);
    const list = await json<{ providers: { provider: { id: string }; projects: number; budgetFen: number }[] }>(
      await city.request('GET', '/api/projects?county=421002'),
    );
    expect(list.providers).toEqual([
      expect.objectContaining({ provider: expect.objectContaining({ id: providerId }), projects: 2 }),
    ]);
  });
});

describe('budget execution, edits and evaluations', () => {
  it('records a payment in fen once; paying the same instalment again is a 409', async () => {
    const before = await json<Project>(await officer.request('GET', `/api/projects/${projectId}`));
    const first = before.payments[0]!;
    const paid = await officer.request('POST', `/api/projects/${projectId}/payments/1`, {
      expectedVersion: first.version,
      paidOn: `${year - 1}-01-20`,
      paidFen: 12_000_000,
    });
    expect(paid.status).toBe(200);
    const project = await json<Project>(paid);
    expect(project.budget).toEqual({
      budgetFen: 30_000_000,
      plannedToDateFen: 12_000_000,
      paidFen: 12_000_000,
      paidPercent: 40,
    });
    expect(Number.isInteger(project.budget.paidFen)).toBe(true);
    const twice = await officer.request('POST', `/api/projects/${projectId}/payments/1`, {
      expectedVersion: first.version + 1,
      paidOn: `${year - 1}-01-21`,
      paidFen: 12_000_000,
    });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('projects.already_paid');
  });

  it('refuses a stale edit', async () => {
    const edited = await officer.request('PATCH', `/api/projects/${projectId}`, {
      expectedVersion: 1,
      title: '沙市区困境儿童关爱服务（一期）',
    });
    expect(edited.status).toBe(200);
    const stale = await officer.request('PATCH', `/api/projects/${projectId}`, { expectedVersion: 1, title: '旧标题' });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('stale_version');
    expect(
      (await gongan.request('PATCH', `/api/projects/${projectId}`, { expectedVersion: 2, title: 'x' })).status,
    ).toBe(404);
  });

  it('keeps the computed indicators beside the targets at the mid-term evaluation, and the provider replies', async () => {
    const evaluated = await officer.request('POST', `/api/projects/${projectId}/evaluations`, {
      stage: 'mid_term',
      evaluatedOn: today,
      findings: '个案服务推进顺利，入户随访不足',
    });
    expect(evaluated.status).toBe(201);
    const evaluation = (await json<Project>(evaluated)).evaluations[0]!;
    expect(evaluation.indicators.find((i) => i.kind === 'home_visits')).toEqual({
      kind: 'home_visits',
      target: 2,
      actual: 1,
      percent: 50,
    });
    expect(
      (
        await officer.request('POST', `/api/projects/${projectId}/evaluations`, {
          stage: 'mid_term',
          evaluatedOn: today,
          findings: '再评',
        })
      ).status,
    ).toBe(409);
    const replied = await worker.request('POST', `/api/projects/${projectId}/evaluations/mid_term/reply`, {
      expectedVersion: 1,
      reply: '下半年增加入户频次',
    });
    expect(replied.status).toBe(200);
    expect((await json<Project>(replied)).evaluations[0]?.reply).toBe('下半年增加入户频次');
    const stale = await worker.request('POST', `/api/projects/${projectId}/evaluations/mid_term/reply`, {
      expectedVersion: 1,
      reply: '改',
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await officer.request('POST', `/api/projects/${projectId}/evaluations/mid_term/reply`, {
          expectedVersion: 2,
          reply: 'x',
        })
      ).status,
    ).toBe(403);
  });
});

describe('the city and social organisations', () => {
  it('sees purchased-service budget per child in difficulty by county, in whole fen', async () => {
    const { rows } = await json<{
      rows: { code: string; children: number; budgetFen: number; fenPerChild: number | null }[];
    }>(await city.request('GET', '/api/projects/budget-by-county'));
    const shashi = rows.find((r) => r.code === places.shashi)!;
    expect(shashi.budgetFen).toBe(60_000_000);
    expect(shashi.fenPerChild).toBe(Math.floor(60_000_000 / shashi.children));
    expect(rows.find((r) => r.code === places.gongan)?.budgetFen).toBe(0);
  });

  it('derives the counties an organisation serves from its work, beside what it declares', async () => {
    const declared = await worker.request('PUT', `/api/society/organisations/${providerId}/capacity`, {
      expectedVersion: null,
      staff: 12,
      volunteers: 40,
      declaredCounties: [places.shashi],
    });
    expect(declared.status).toBe(200);
    const licensed = await worker.request('POST', `/api/society/organisations/${providerId}/licences`, {
      personName: '王社工',
      level: 'intermediate',
      licenceYear: 2021,
    });
    expect(licensed.status).toBe(201);
    const capacity = await json<{
      countiesServed: { code: string }[];
      socialWorkers: unknown[];
      services: string[];
      version: number;
    }>(await city.request('GET', `/api/society/organisations/${providerId}`));
    expect(capacity.countiesServed.map((c) => c.code)).toEqual([places.shashi, places.gongan]);
    expect(capacity.socialWorkers).toHaveLength(1);
    expect(capacity.services).toContain('psychological_counselling');
    const stale = await worker.request('PUT', `/api/society/organisations/${providerId}/capacity`, {
      expectedVersion: null,
      staff: 1,
      volunteers: 1,
      declaredCounties: [],
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await officer.request('PUT', `/api/society/organisations/${providerId}/capacity`, {
          expectedVersion: 1,
          staff: 1,
          volunteers: 1,
          declaredCounties: [],
        })
      ).status,
    ).toBe(403);
  });

  it('maps coverage by county: organisations per 10,000 children and the counties with none', async () => {
    const coverage = await json<{
      rows: { code: string; organisations: number; per10k: number | null; servicesWithoutProvider: string[] }[];
      countiesWithNone: { code: string }[];
    }>(await city.request('GET', '/api/society/coverage'));
    expect(coverage.rows.length).toBeGreaterThanOrEqual(8);
    const shashi = coverage.rows.find((r) => r.code === places.shashi)!;
    expect(shashi.organisations).toBe(1);
    expect(shashi.servicesWithoutProvider).not.toContain('psychological_counselling');
    expect(shashi.servicesWithoutProvider).toContain('legal_aid');
    expect(coverage.countiesWithNone.map((c) => c.code)).toContain('421024000000');
    expect(coverage.countiesWithNone.map((c) => c.code)).not.toContain(places.gongan);
  });
});

describe('who attended a family-education session', () => {
  it('is kept by name and relation, shown on the child’s family support; more names than the count is refused', async () => {
    // The worker reaches the child through an accepted referral (family-education guidance).
    const child = await make.child({ name: '周小禾', residenceCode: places.chenlong, birthDate: '2015-05-06' });
    await referAndServe(officer, child);
    const session = await worker.request('POST', '/api/service-sessions', {
      kind: 'family_education',
      childId: child.id,
      heldOn: today,
      minutes: 60,
      attendedBy: [
        { name: '周桂兰', relation: 'grandmother' },
        { name: '王建国', relation: 'father' },
      ],
    });
    expect(session.status).toBe(201);
    const support = await json<{ sessions: { kind: string; attendees: number; attendedBy: unknown[] }[] }>(
      await officer.request('GET', `/api/children/${child.id}/family-support`),
    );
    expect(support.sessions).toContainEqual(
      expect.objectContaining({
        kind: 'family_education',
        attendees: 2,
        attendedBy: [
          { name: '周桂兰', relation: 'grandmother' },
          { name: '王建国', relation: 'father' },
        ],
      }),
    );
    // Another county's officer does not see the child, nor who attended for it.
    expect((await gongan.request('GET', `/api/children/${child.id}/family-support`)).status).toBe(404);

    const tooFew = {
      kind: 'family_education',
      childId: child.id,
      heldOn: today,
      minutes: 60,
      attendees: 1,
      attendedBy: [{ name: '周桂兰' }, { name: '王建国' }],
    };
    const zh = await worker.request('POST', '/api/service-sessions', tooFew);
    expect(zh.status).toBe(400);
    const zhError = await errorOf(zh);
    expect(zhError.details[0]?.path).toBe('body.attendees');
    expect(JSON.stringify(zhError)).toContain('参加人数少于');
    const en = await errorOf(
      await worker.request('POST', '/api/service-sessions', tooFew, { 'accept-language': 'en' }),
    );
    expect(JSON.stringify(en)).toContain('smaller than the number of people named');
    const after = await json<{ sessions: unknown[] }>(
      await officer.request('GET', `/api/children/${child.id}/family-support`),
    );
    expect(after.sessions).toHaveLength(support.sessions.length);
  });
});
