import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf, type ApiSession } from '../../../test/support/session.js';

let server: TestServer;
let childId: string;
let officer: ApiSession;
let police: ApiSession;
let supervisor: ApiSession;
let hotline: ApiSession;
let make: Factories;
// The roster's people, made by the factories (no demo); each signs in once.
const signInAs = (url: string, name: string) => make.signInAs(url, name);
const org = async (name: string) =>
  (await server.database.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow())
    .id;

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // 陈龙村's receivers, and the organisations the case brings in (a social work organisation, the centre).
  await make.cast('director.chenlong', 'socialworker', 'staff.centre');
  await make.organisationNamed('shashiPolice');
  const child = await server.database.db
    .insertInto('children')
    .values({
      name: '陈小花',
      sex: 'female',
      birth_date: '2016-04-01',
      residence_code: places.chenlong,
      hukou_code: places.chenlong,
      address: '岑河镇陈龙村八组 5 号',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  childId = child.id;
  [officer, police, supervisor, hotline] = (await Promise.all(
    ['officer.shashi', 'police.shashi', 'supervisor.cenhe', 'hotline.12338'].map((u) => signInAs(server.url, u)),
  )) as [ApiSession, ApiSession, ApiSession, ApiSession];
}, 120_000);
afterAll(async () => server.close());

interface CaseView {
  id: string;
  status: string;
  seq: number;
  allowedActions: string[];
  actions: { seq: number; type: string; actorLabel: string; late: boolean; payload: Record<string, unknown> }[];
  clocks: { rule: string; state: string }[];
  child: { riskGrade: string | null };
}

const read = async (session: ApiSession, id: string) =>
  (await (await session.request('GET', `/api/cases/${id}`)).json()) as CaseView;

describe('the four-step case workflow over HTTP', () => {
  let caseId: string;
  let reportId: string;

  it('a hotline report is acknowledged and a case opened from it for the registered child', async () => {
    const report = await hotline.request('POST', '/api/reports', {
      channel: 'hotline',
      line: '110',
      caller: { anonymous: true },
      situations: [6],
      description: '孩子独自在家无人照料',
      unknownChild: '陈龙村八组女孩',
      divisionCode: places.chenlong,
      immediateDanger: true,
    });
    reportId = ((await report.json()) as { id: string }).id;
    expect((await police.request('POST', `/api/reports/${reportId}/acknowledge`)).status).toBe(200);
    const opened = await officer.request(
      'POST',
      '/api/cases',
      { reportIds: [reportId], childId, participantIds: [await org('荆州市公安局沙市区分局')] },
      { 'idempotency-key': 'open-case-0001' },
    );
    expect(opened.status).toBe(201);
    const view = (await opened.json()) as CaseView & { joined: boolean };
    caseId = view.id;
    expect(view).toMatchObject({ status: 'reported', seq: 1, joined: false });
    expect(view.allowedActions).toEqual(['acknowledge', 'emergency_response', 'add_participant']);
    // The hotline operator's role does not act on cases: no actions offered.
    const replay = await officer.request(
      'POST',
      '/api/cases',
      { reportIds: [reportId], childId, participantIds: [await org('荆州市公安局沙市区分局')] },
      { 'idempotency-key': 'open-case-0001' },
    );
    expect(((await replay.json()) as CaseView).id).toBe(caseId);
  });

  it('a second report about the same child joins the open case', async () => {
    const director = await signInAs(server.url, 'director.chenlong');
    const response = await director.request('POST', '/api/reports', {
      channel: 'staff',
      situations: [6],
      description: '孩子又一次独自在家',
      childId,
      divisionCode: places.chenlong,
      immediateDanger: false,
    });
    expect(((await response.json()) as { caseId: string }).caseId).toBe(caseId);
    const view = await read(officer, caseId);
    expect(view.actions.map((a) => a.type)).toEqual(['open', 'report_joined']);
  });

  it('refuses an action the status does not allow, naming the status and the allowed actions', async () => {
    const view = await read(supervisor, caseId);
    const refused = await supervisor.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'request_closure',
      expectedSeq: view.seq,
      reason: '无',
      outcome: '无',
    });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('cases.action_not_allowed');
    expect(error.message).toBe(
      '个案当前状态为“已报告”，不能执行“申请结案”。当前可执行：受理、应急处置、增加参与单位。',
    );
    const english = await supervisor.request(
      'POST',
      `/api/cases/${caseId}/actions`,
      { type: 'request_closure', expectedSeq: view.seq, reason: 'x', outcome: 'x' },
      { 'accept-language': 'en' },
    );
    expect((await errorOf(english)).message).toContain(
      'Allowed: Acknowledge, Emergency response, Add participating organisation',
    );
  });

  it('two officers acting at once: one wins, the other gets 409 with the current case; nothing lost or duplicated', async () => {
    const { seq } = await read(officer, caseId);
    const [a, b] = await Promise.all([
      officer.request('POST', `/api/cases/${caseId}/actions`, { type: 'acknowledge', expectedSeq: seq }),
      police.request('POST', `/api/cases/${caseId}/actions`, { type: 'acknowledge', expectedSeq: seq }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const error = (await loser.json()) as { error: { code: string; details: { current: CaseView } } };
    expect(error.error.code).toBe('cases.stale');
    expect(error.error.details.current).toMatchObject({ status: 'acknowledged', seq: seq + 1 });
    const actions = await server.database.db
      .selectFrom('case_actions')
      .select('seq')
      .where('case_id', '=', caseId)
      .execute();
    expect(actions.map((x) => x.seq).sort()).toEqual([1, 2, 3]);
  });

  it('a double-submitted action with the same key is recorded once', async () => {
    const { seq } = await read(police, caseId);
    const body = {
      type: 'emergency_response',
      expectedSeq: seq,
      attendedBy: ['赵国栋'],
      attendedAt: new Date().toISOString(),
      childSafe: true,
      measures: ['escort_relative'],
      townshipNotified: true,
    };
    const first = await police.request('POST', `/api/cases/${caseId}/actions`, body, {
      'idempotency-key': 'emergency-0001',
    });
    const second = await police.request('POST', `/api/cases/${caseId}/actions`, body, {
      'idempotency-key': 'emergency-0001',
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const view = await read(police, caseId);
    expect(view.actions.filter((a) => a.type === 'emergency_response')).toHaveLength(1);
    expect(view.clocks.find((c) => c.rule === 'report.emergency_response')?.state).toBe('met');
  });

  it('assessment sets the risk grade; a participating organisation gains scope over the child', async () => {
    let view = await read(officer, caseId);
    const assessed = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'assessment',
      expectedSeq: view.seq,
      scores: {
        safety: 3,
        guardianship_capacity: 3,
        physical_health: 1,
        mental_health: 2,
        education: 1,
        living_conditions: 2,
      },
    });
    view = (await assessed.json()) as CaseView;
    expect(view.status).toBe('assessment');
    expect(view.child.riskGrade).toBe('medium_high');
    expect(view.actions.at(-1)!.payload).toMatchObject({ grade: 'medium_high', visitEveryDays: 15 });
    const social = await signInAs(server.url, 'socialworker');
    expect((await social.request('GET', `/api/children/${childId}`)).status).toBe(404);
    expect((await social.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const added = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'assistance_plan',
      expectedSeq: view.seq,
      goals: [
        {
          goal: '心理辅导',
          services: ['个案辅导'],
          responsibleOrgId: await org('荆州市童心社会工作服务中心'),
          dueOn: '2026-12-31',
        },
      ],
      benefitTasks: [],
    });
    expect(added.status).toBe(200);
    expect((await social.request('GET', `/api/children/${childId}`)).status).toBe(200);
    expect((await read(social, caseId)).status).toBe('assistance');
  });

  it('guardianship intervention, then closure: the requester cannot approve it, a supervisor does', async () => {
    let view = await read(officer, caseId);
    const intervention = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'guardianship_intervention',
      expectedSeq: view.seq,
      intervention: {
        measure: 'temporary_state_guardianship',
        ground: 'guardian_refuses_or_neglects',
        startedOn: '2026-11-01',
        placement: {
          kind: 'minor_protection_centre',
          organisationId: await org('荆州市未成年人救助保护中心'),
          where: '救助保护中心',
          why: '监护人拒不履责',
        },
      },
    });
    view = (await intervention.json()) as CaseView;
    expect(view.status).toBe('guardianship_intervention');
    const requested = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'request_closure',
      expectedSeq: view.seq,
      reason: '已转长期监护',
      outcome: '儿童已妥善安置，监护到位',
    });
    view = (await requested.json()) as CaseView;
    expect(view.status).toBe('closure_requested');
    expect(view.allowedActions).toEqual(['reject_closure']);
    const own = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'approve_closure',
      expectedSeq: view.seq,
    });
    expect(own.status).toBe(403);
    expect((await read(police, caseId)).allowedActions).toEqual([]);
    const byPolice = await police.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'approve_closure',
      expectedSeq: view.seq,
    });
    expect(byPolice.status).toBe(403);
    expect((await read(supervisor, caseId)).allowedActions).toEqual(['approve_closure', 'reject_closure']);
    const approved = await supervisor.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'approve_closure',
      expectedSeq: view.seq,
    });
    view = (await approved.json()) as CaseView;
    expect(view.status).toBe('closed');
    expect(view.allowedActions).toEqual(['reopen']);
    expect(view.clocks.filter((c) => c.state === 'running')).toEqual([]);
  });

  it('the reporter is told the outcome; the child timeline holds every step', async () => {
    const outcomes = (await (await hotline.request('GET', '/api/reports/outcomes')).json()) as {
      items: { id: string; stage: string; outcome: string | null }[];
    };
    expect(outcomes.items.find((r) => r.id === reportId)).toMatchObject({
      stage: 'closed',
      outcome: '儿童已妥善安置，监护到位',
    });
    const timeline = await server.database.db
      .selectFrom('child_timeline')
      .select('kind')
      .where('child_id', '=', childId)
      .orderBy('id')
      .execute();
    expect(timeline.map((t) => t.kind)).toEqual([
      'case.open',
      'report.received',
      'case.report_joined',
      'case.acknowledge',
      'case.emergency_response',
      'case.assessment',
      'case.assistance_plan',
      // The placement is the placements feature's record (issue 16), written as the intervention takes effect.
      'placement.place',
      'case.guardianship_intervention',
      'case.request_closure',
      'case.approve_closure',
    ]);
  });

  it('reopening needs a reason; the log is append-only', async () => {
    const view = await read(officer, caseId);
    const noReason = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'reopen',
      expectedSeq: view.seq,
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const reopened = await officer.request('POST', `/api/cases/${caseId}/actions`, {
      type: 'reopen',
      expectedSeq: view.seq,
      reason: '儿童再次被发现独自在家',
    });
    expect(((await reopened.json()) as CaseView).status).toBe('assessment');
    await expect(
      server.database.db
        .updateTable('case_actions')
        .set({ type: 'open' } as never)
        .where('case_id', '=', caseId)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('a case step clock pauses with a reason (lead or owner only) and resumes later', async () => {
    const clock = (await read(officer, caseId)).clocks.find(
      (c) => c.rule === 'case.assessment' && c.state === 'running',
    ) as { id: string } | undefined;
    expect(clock).toBeDefined();
    expect((await police.request('POST', `/api/clocks/${clock!.id}/pause`, { reason: '住院治疗' })).status).toBe(403);
    const paused = await officer.request('POST', `/api/clocks/${clock!.id}/pause`, { reason: '儿童住院治疗' });
    expect(await paused.json()).toMatchObject({ state: 'paused', pauseReason: '儿童住院治疗' });
    const again = await officer.request('POST', `/api/clocks/${clock!.id}/pause`, { reason: '再次' });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toContain('已暂停');
    const resumed = await officer.request('POST', `/api/clocks/${clock!.id}/resume`);
    expect(((await resumed.json()) as { state: string }).state).toBe('running');
  });

  it('a case outside my scope answers 404 like a missing one', async () => {
    const gongan = await signInAs(server.url, 'officer.gongan');
    expect((await gongan.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const list = (await (await gongan.request('GET', '/api/cases?pageSize=100')).json()) as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).not.toContain(caseId);
    const mine = (await (await officer.request('GET', '/api/cases?pageSize=100')).json()) as {
      items: { id: string }[];
    };
    expect(mine.items.map((c) => c.id)).toContain(caseId);
  });
});
