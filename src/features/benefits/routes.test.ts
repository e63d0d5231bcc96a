import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../contract/benefits/applications.js';
import { systemActor } from '../../platform/access/actor.js';
import { runNextJob } from '../../platform/jobs/worker.js';
import { loadFeatures } from '../../server.js';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { publishRuleSet } from '../rule-sets/service.js';

let server: TestServer;
let make: Factories;
let director: ApiSession;
let supervisor: ApiSession;
let officer: ApiSession;
let child: TestChild;

/** The child: father imprisoned, mother out of contact for nine months, raised by the grandfather. */
async function childInDifficulty(residenceCode: string = places.chenlong): Promise<TestChild> {
  const made = await make.child({ residenceCode });
  await make.familyMember(made, {
    relation: 'father',
    name: '陈建国',
    situations: [{ kind: 'imprisoned', since: '2025-03-01', until: '2029-03-01' }],
  });
  await make.familyMember(made, {
    relation: 'mother',
    name: '李小红',
    situations: [{ kind: 'missing', since: '2025-12-20' }],
  });
  await make.familyMember(made, { relation: 'grandfather', name: '陈老汉', isGuardian: true });
  return made;
}

const application = (childId: string, extra: Record<string, unknown> = {}) => ({
  childId,
  benefitType: '120',
  receivedOn: '2026-09-24',
  applicantKind: 'guardian',
  applicantName: '陈老汉',
  applicantRelation: '祖父',
  documents: ['application_form', 'household_register', 'judgment_or_detention'],
  ...extra,
});

async function apply(session: ApiSession, body: Record<string, unknown>): Promise<ApplicationView> {
  const response = await session.request('POST', '/api/benefits/applications', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ApplicationView;
}

async function act(
  session: ApiSession,
  view: ApplicationView,
  body: Record<string, unknown>,
): Promise<ApplicationView> {
  const response = await session.request('POST', `/api/benefits/applications/${view.id}/actions`, {
    expectedSeq: view.seq,
    ...body,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ApplicationView;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  director = await make.signInAs(server.url, 'director.chenlong');
  supervisor = await make.signInAs(server.url, 'supervisor.cenhe');
  officer = await make.signInAs(server.url, 'officer.shashi');
  child = await childInDifficulty();
});
afterAll(async () => server.close());

describe('benefit applications: received, verified by the township, decided by the county', () => {
  it("the grandfather's application of Thu 2026-09-24 shows the township deadline 2026-10-22 (Mid-Autumn, National Day, the working Saturday counted)", async () => {
    const view = await apply(director, application(child.id));
    expect(view).toMatchObject({ status: 'received', receivedOn: '2026-09-24', benefitType: '120', seq: 1 });
    expect(view.clocks).toEqual([
      expect.objectContaining({
        rule: 'benefit.verification',
        dueOn: '2026-10-22',
        provisional: false,
        state: 'running',
      }),
    ]);
    expect(view.allowedActions).toEqual(['withdraw']);
    const asSupervisor = (await (
      await supervisor.request('GET', `/api/benefits/applications/${view.id}`)
    ).json()) as ApplicationView;
    expect(asSupervisor.allowedActions).toEqual(['accept', 'verify', 'withdraw']);
  });

  it('a second open application for the same benefit is a 409 naming the open one; a child outside my scope is a 404', async () => {
    const first = (await (await director.request('GET', `/api/benefits/applications?childId=${child.id}`)).json()) as {
      items: { id: string; applicationNo: string }[];
    };
    const again = await director.request('POST', '/api/benefits/applications', application(child.id), {
      'accept-language': 'en',
    });
    expect(again.status).toBe(409);
    const body = await errorOf(again);
    expect(body.code).toBe('benefits.application_open');
    expect(body.message).toContain(first.items[0]!.applicationNo);
    expect(body.details).toMatchObject({ openApplicationId: first.items[0]!.id, status: 'received' });

    const elsewhere = await make.signInAs(server.url, 'director.nongli');
    const outside = await elsewhere.request(
      'POST',
      '/api/benefits/applications',
      application(child.id, { benefitType: '300' }),
    );
    expect(outside.status).toBe(404);
    expect((await elsewhere.request('GET', `/api/benefits/applications/${first.items[0]!.id}`)).status).toBe(404);
    const list = (await (await elsewhere.request('GET', '/api/benefits/applications')).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  it('bad input names what and where: an unknown benefit, a received date in the future, a refusal without reasons', async () => {
    const unknown = await director.request(
      'POST',
      '/api/benefits/applications',
      application(child.id, { benefitType: 'local.nothing' }),
    );
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).details).toEqual([{ path: 'body.benefitType', code: 'benefits.type_unknown' }]);
    const future = await director.request(
      'POST',
      '/api/benefits/applications',
      application(child.id, { benefitType: '300', receivedOn: '2099-01-01' }),
    );
    expect(future.status).toBe(400);
    expect((await errorOf(future)).details).toEqual([{ path: 'body.receivedOn', code: 'benefits.date_in_future' }]);
  });

  it('township verification matches the family facts, the county approves on 2026-11-05: paid from December, category confirmed', async () => {
    const [row] = (
      (await (await director.request('GET', `/api/benefits/applications?childId=${child.id}`)).json()) as {
        items: { id: string }[];
      }
    ).items;
    let view = (await (
      await supervisor.request('GET', `/api/benefits/applications/${row!.id}`)
    ).json()) as ApplicationView;
    view = await act(supervisor, view, { type: 'accept', occurredOn: '2026-09-28' });
    // The director may not verify or decide.
    const refused = await director.request('POST', `/api/benefits/applications/${view.id}/actions`, {
      type: 'verify',
      expectedSeq: view.seq,
      findings: 'x',
      recommendation: 'approve',
    });
    expect(refused.status).toBe(403);
    view = await act(supervisor, view, {
      type: 'verify',
      occurredOn: '2026-10-20',
      findings: '父亲服刑至2029年，母亲失联九个月，经比对属实',
      recommendation: 'approve',
    });
    expect(view.status).toBe('verified');
    expect(view.facts).toEqual(
      expect.arrayContaining([
        { relation: 'father', kind: 'imprisoned', since: '2025-03-01', until: '2029-03-01' },
        { relation: 'mother', kind: 'missing', since: '2025-12-20', until: null },
      ]),
    );
    expect(view.flags).not.toContain('no_parent_facts');
    const decision = view.clocks.find((c) => c.rule === 'benefit.decision')!;
    expect(decision).toMatchObject({ dueOn: '2026-11-10', state: 'running' });
    expect(view.clocks.find((c) => c.rule === 'benefit.verification')).toMatchObject({ state: 'met' });
    // A stale version is a 409 and nothing is applied.
    const stale = await officer.request('POST', `/api/benefits/applications/${view.id}/actions`, {
      type: 'approve',
      expectedSeq: view.seq - 1,
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('benefits.stale');
    // Refusal needs written reasons.
    const noReasons = await officer.request('POST', `/api/benefits/applications/${view.id}/actions`, {
      type: 'refuse',
      expectedSeq: view.seq,
    });
    expect(noReasons.status).toBe(400);
    view = await act(officer, view, { type: 'approve', occurredOn: '2026-11-05' });
    expect(view).toMatchObject({ status: 'approved', payFrom: '2026-12-01', monthlyFen: 130_000, late: false });
    expect(view.clocks.find((c) => c.rule === 'benefit.decision')).toMatchObject({ state: 'met' });
    const category = await server.database.db
      .selectFrom('child_categories')
      .select(['state', 'evidence'])
      .where('child_id', '=', child.id)
      .where('category', '=', 'de_facto_unsupported')
      .execute();
    expect(category).toEqual([expect.objectContaining({ state: 'confirmed' })]);
    const timeline = await server.database.db
      .selectFrom('child_timeline')
      .select('kind')
      .where('child_id', '=', child.id)
      .where('kind', 'like', 'benefit_application.%')
      .orderBy('id')
      .execute();
    expect(timeline.map((t) => t.kind)).toEqual([
      'benefit_application.receive',
      'benefit_application.accept',
      'benefit_application.verify',
      'benefit_application.approve',
    ]);
  });

  it('a decision after the deadline is allowed and recorded late; a district with 10 + 5 working days counts its own', async () => {
    await publishRuleSet(server.database.db, systemActor('test'), {
      scopeCode: places.gongan,
      validFrom: '2026-01-01',
      rules: { benefits: { verificationWorkingDays: 10, decisionWorkingDays: 5 } },
    });
    const gonganChild = await childInDifficulty(places.nongli);
    const nongli = await make.signInAs(server.url, 'director.nongli');
    let view = await apply(nongli, application(gonganChild.id, { receivedOn: '2026-11-02', benefitType: '300' }));
    // Ten working days from Monday 2 November: Monday 16 November.
    expect(view.clocks[0]).toMatchObject({ dueOn: '2026-11-16' });
    const county = await make.signInAs(server.url, 'officer.gongan');
    view = await act(county, view, {
      type: 'verify',
      occurredOn: '2026-11-20',
      findings: '核实',
      recommendation: 'refuse',
    });
    expect(view.clocks.find((c) => c.rule === 'benefit.verification')).toMatchObject({ state: 'missed' });
    expect(view.clocks.find((c) => c.rule === 'benefit.decision')).toMatchObject({ dueOn: '2026-11-27' });
    view = await act(county, view, { type: 'refuse', occurredOn: '2026-12-01', reasons: '经核实，不符合条件' });
    expect(view).toMatchObject({ status: 'refused', late: true });
    expect(view.clocks.find((c) => c.rule === 'benefit.decision')).toMatchObject({ state: 'missed' });
  });

  it('a deadline reaching into January 2027 is provisional until the administrator loads 2027, then recomputed', async () => {
    await publishRuleSet(server.database.db, systemActor('test'), {
      scopeCode: places.buhe,
      validFrom: '2026-01-01',
      rules: { benefits: { verificationWorkingDays: 30 } },
    });
    const buheChild = await childInDifficulty(places.heyi);
    const county = await make.signInAs(server.url, 'officer.gongan');
    const view = await apply(county, application(buheChild.id, { receivedOn: '2026-12-04', benefitType: '201' }));
    // On weekends alone 1 January 2027 counts as a working Friday.
    expect(view.clocks[0]).toMatchObject({ dueOn: '2027-01-15', provisional: true });
    const admin = await make.signInAs(server.url, 'admin');
    const loaded = await admin.request('PUT', '/api/calendar/2027', {
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workdays: [],
    });
    // The load answers once stored; the recompute is a job (as the server's job runner would run it).
    expect(loaded.status).toBe(202);
    const { jobs } = await loadFeatures();
    while (await runNextJob(server.database.db, jobs));
    const after = (await (
      await county.request('GET', `/api/benefits/applications/${view.id}`)
    ).json()) as ApplicationView;
    expect(after.clocks[0]).toMatchObject({ dueOn: '2027-01-18', provisional: false });
    const entries = await server.database.db
      .selectFrom('child_timeline')
      .select(['kind', 'before', 'after'])
      .where('child_id', '=', buheChild.id)
      .where('kind', '=', 'clock.recomputed')
      .execute();
    expect(entries).toHaveLength(1);
  });

  it('a child adopted leaves the registry with the reason; the approved benefit ends; the file is kept, out of the default list', async () => {
    const file = (await (await officer.request('GET', `/api/children/${child.id}`)).json()) as { version: number };
    const director403 = await director.request('POST', `/api/children/${child.id}/exit`, {
      reason: 'adoption_in_province',
      exitedOn: '2026-12-01',
      version: file.version,
    });
    expect(director403.status).toBe(403);
    const exit = await officer.request('POST', `/api/children/${child.id}/exit`, {
      reason: 'adoption_in_province',
      exitedOn: '2026-12-01',
      note: '经法院确认收养',
      version: file.version,
    });
    expect(exit.status, await exit.clone().text()).toBe(201);
    expect(await exit.json()).toMatchObject({
      reason: 'adoption_in_province',
      endedApplications: [expect.any(String)],
    });
    const again = await officer.request('POST', `/api/children/${child.id}/exit`, {
      reason: 'death',
      exitedOn: '2026-12-02',
      version: file.version + 1,
    });
    expect(again.status).toBe(409);
    const list = (await (await officer.request('GET', `/api/benefits/applications?childId=${child.id}`)).json()) as {
      items: { status: string }[];
    };
    expect(list.items.map((i) => i.status)).toEqual(['ended']);
    const stored = await server.database.db
      .selectFrom('children')
      .select(['status', 'status_reason'])
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'exited', status_reason: 'adoption_in_province' });
  });
});
