import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { composeIdNumber } from '../registry/id-number.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let director: ApiSession;
let a: TestChild;
let b: TestChild;
let stranger: TestChild;

interface CaseView {
  id: string;
  caseNo: string;
  joined?: boolean;
  child: { id: string; name: string };
  reports: { id: string }[];
  siblingCases: { id: string; caseNo: string; childId: string; childName: string }[];
  siblingCasesHidden: number;
  seq: number;
  actions: { type: string; payload: Record<string, unknown> }[];
}
const json = async <T>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
const household = async (children: TestChild[]) =>
  json(
    await officer.request('POST', '/api/households', {
      childIds: children.map((c) => c.id),
      basis: 'officer',
      note: '户口簿同户',
    }),
    201,
  );
const reportAbout = async (child: TestChild, description: string) =>
  (
    await json<{ id: string }>(
      await director.request('POST', '/api/reports', {
        channel: 'staff',
        situations: [6],
        description,
        childId: child.id,
        divisionCode: places.chenlong,
        immediateDanger: false,
      }),
      201,
    )
  ).id;
const casesOf = async (child: TestChild) =>
  server.database.db.selectFrom('cases').select('id').where('child_id', '=', child.id).execute();

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  await make.cast('director.chenlong');
  await make.organisationNamed('shashiPolice');
  officer = await make.signInAs(server.url, 'officer.shashi');
  director = await make.signInAs(server.url, 'director.chenlong');
  a = await make.child({ name: '吴小溪', residenceCode: places.chenlong, address: '陈龙村六组2号' });
  b = await make.child({ name: '吴小河', residenceCode: places.chenlong, address: '陈龙村六组2号' });
  stranger = await make.child({ name: '郑小山', residenceCode: places.chenlong, address: '陈龙村一组1号' });
  await household([a, b]);
}, 180_000);
afterAll(async () => server?.close());

describe("siblings' cases, over HTTP", () => {
  let caseA: CaseView;

  it('reports about two siblings open one case per child, linked; a retry creates nothing twice', async () => {
    const reports = [await reportAbout(a, '姐姐长期独自在家'), await reportAbout(b, '弟弟无人接送上学')];
    const key = { 'Idempotency-Key': 'sibling-cases-0001' };
    caseA = await json<CaseView>(await officer.request('POST', '/api/cases', { reportIds: reports }, key), 201);
    expect(caseA.child.id).toBe(a.id);
    expect(caseA.reports.map((r) => r.id)).toEqual([reports[0]]);
    expect(caseA.siblingCases).toEqual([expect.objectContaining({ childId: b.id, childName: '吴小河' })]);
    expect(caseA.siblingCasesHidden).toBe(0);
    const caseB = await json<CaseView>(await officer.request('GET', `/api/cases/${caseA.siblingCases[0]!.id}`), 200);
    expect(caseB.reports.map((r) => r.id)).toEqual([reports[1]]);
    expect(caseB.siblingCases).toEqual([{ id: caseA.id, caseNo: caseA.caseNo, childId: a.id, childName: '吴小溪' }]);
    // The same request again (same key: the first answer; a new key: the open cases are joined).
    const replay = await json<CaseView>(await officer.request('POST', '/api/cases', { reportIds: reports }, key), 201);
    expect(replay.id).toBe(caseA.id);
    const retry = await json<CaseView>(
      await officer.request('POST', '/api/cases', { reportIds: reports }, { 'Idempotency-Key': 'sibling-cases-0002' }),
      201,
    );
    expect(retry).toMatchObject({ id: caseA.id, joined: true });
    expect(await casesOf(a)).toHaveLength(1);
    expect(await casesOf(b)).toHaveLength(1);
    const links = await server.database.db.selectFrom('case_links').selectAll().execute();
    expect(links).toHaveLength(1);
  });

  it('a case for a child opened with its household siblings named; a child of another family is a 400 naming it', async () => {
    const [c, d] = [
      await make.child({ name: '冯小一', residenceCode: places.chenlong, address: '陈龙村七组9号' }),
      await make.child({ name: '冯小二', residenceCode: places.chenlong, address: '陈龙村七组9号' }),
    ];
    await household([c, d]);
    const refused = await officer.request('POST', '/api/cases', { childId: c.id, siblingChildIds: [stranger.id] });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).details?.[0]).toMatchObject({ path: 'body.siblingChildIds.0' });
    const mixed = await officer.request('POST', '/api/cases', {
      reportIds: [await reportAbout(c, '哥哥辍学在家'), await reportAbout(stranger, '邻居孩子无人照料')],
    });
    expect(mixed.status).toBe(400);
    expect((await errorOf(mixed)).code).toBe('cases.children_differ');
    expect(await casesOf(stranger)).toHaveLength(0);
    const opened = await json<CaseView>(
      await officer.request('POST', '/api/cases', {
        childId: c.id,
        siblingChildIds: [d.id],
        reason: '兄弟二人均无人照料',
      }),
      201,
    );
    expect(opened.siblingCases.map((s) => s.childId)).toEqual([d.id]);
  });

  it('a reader who cannot see the sibling: the sibling case is counted, never named', async () => {
    const caseB = caseA.siblingCases[0]!;
    await server.database.db
      .updateTable('children')
      .set({ residence_code: places.nongli, hukou_code: places.nongli })
      .where('id', '=', b.id)
      .execute();
    const response = await director.request('GET', `/api/cases/${caseA.id}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    const view = JSON.parse(text) as CaseView;
    expect(view.siblingCases).toEqual([]);
    expect(view.siblingCasesHidden).toBe(1);
    for (const word of [b.id, '吴小河', caseB.id, caseB.caseNo]) expect(text).not.toContain(word);
    expect((await director.request('GET', `/api/cases/${caseB.id}`)).status).toBe(404);
  });
});

describe("a sibling's case opened later, and a household linked later", () => {
  const openFor = async (child: TestChild, reason: string) =>
    json<CaseView>(await officer.request('POST', '/api/cases', { childId: child.id, reason }), 201);
  const links = (view: CaseView) => view.actions.filter((a) => a.type === 'sibling_linked').map((a) => a.payload);
  let early: CaseView;
  let late: CaseView;
  let e: TestChild;
  let f: TestChild;

  it("a case opened for a child whose sibling's case is open is linked to it, on both cases' logs", async () => {
    [e, f] = [
      await make.child({ name: '钱小月', residenceCode: places.chenlong, address: '陈龙村五组3号' }),
      await make.child({ name: '钱小星', residenceCode: places.chenlong, address: '陈龙村五组3号' }),
    ];
    await household([e, f]);
    early = await openFor(e, '姐姐独自在家');
    expect(early.siblingCases).toEqual([]);
    late = await openFor(f, '弟弟一周后也被报告无人照料');
    expect(late.siblingCases).toEqual([{ id: early.id, caseNo: early.caseNo, childId: e.id, childName: '钱小月' }]);
    expect(links(late)).toEqual([{ caseId: early.id, caseNo: early.caseNo, childName: '钱小月' }]);
    const earlyNow = await json<CaseView>(await officer.request('GET', `/api/cases/${early.id}`), 200);
    expect(earlyNow.siblingCases.map((c) => c.id)).toEqual([late.id]);
    expect(links(earlyNow)).toEqual([{ caseId: late.id, caseNo: late.caseNo, childName: '钱小星' }]);
    // The link is a change of the earlier case: its version moved on.
    expect(earlyNow.seq).toBe(early.seq + 1);
    const timeline = await server.database.db
      .selectFrom('child_timeline')
      .select('child_id')
      .where('kind', '=', 'case.sibling_linked')
      .where('child_id', 'in', [e.id, f.id])
      .execute();
    expect(timeline.map((t) => t.child_id).sort()).toEqual([e.id, f.id].sort());
    // Opening again (the open case joined) links nothing twice.
    await json<CaseView>(await officer.request('POST', '/api/cases', { childId: f.id, reason: '再次' }), 201);
    const again = await json<CaseView>(await officer.request('GET', `/api/cases/${late.id}`), 200);
    expect(links(again)).toHaveLength(1);
  });

  it('a reader without scope on the sibling sees nothing of the later link: no number, no name, no id', async () => {
    await server.database.db
      .updateTable('children')
      .set({ residence_code: places.nongli, hukou_code: places.nongli })
      .where('id', '=', f.id)
      .execute();
    const response = await director.request('GET', `/api/cases/${early.id}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    const view = JSON.parse(text) as CaseView;
    expect(view.siblingCases).toEqual([]);
    expect(links(view)).toEqual([{}]);
    for (const word of [f.id, '钱小星', late.id, late.caseNo]) expect(text).not.toContain(word);
    expect((await director.request('GET', `/api/cases/${late.id}`)).status).toBe(404);
  });

  it('a household proposal accepted when both children already have open cases links the cases', async () => {
    const motherId = composeIdNumber('421002', '1988-06-12', 24);
    const [g, h] = [
      await make.child({ name: '孙小林', residenceCode: places.chenlong, address: '陈龙村八组1号' }),
      await make.child({ name: '孙小森', residenceCode: places.chenlong, address: '陈龙村八组1号' }),
    ];
    for (const child of [g, h])
      await make.familyMember(child, { relation: 'mother', isGuardian: true, name: '赵梅', idNumber: motherId });
    const [caseG, caseH] = [await openFor(g, '母亲外出务工'), await openFor(h, '母亲外出务工')];
    expect(caseG.siblingCases).toEqual([]);
    const { items } = await json<{ items: { childIds: string[] }[] }>(
      await officer.request('GET', '/api/households/proposals'),
      200,
    );
    const proposal = items.find((p) => p.childIds.includes(g.id))!;
    expect(proposal.childIds).toEqual([g.id, h.id].sort());
    await json(
      await officer.request('POST', '/api/households', { childIds: proposal.childIds, basis: 'proposal' }),
      201,
    );
    const [viewG, viewH] = [
      await json<CaseView>(await officer.request('GET', `/api/cases/${caseG.id}`), 200),
      await json<CaseView>(await officer.request('GET', `/api/cases/${caseH.id}`), 200),
    ];
    expect(viewG.siblingCases.map((c) => c.id)).toEqual([caseH.id]);
    expect(viewH.siblingCases.map((c) => c.id)).toEqual([caseG.id]);
    expect(links(viewG)).toEqual([{ caseId: caseH.id, caseNo: caseH.caseNo, childName: '孙小森' }]);
    expect(links(viewH)).toEqual([{ caseId: caseG.id, caseNo: caseG.caseNo, childName: '孙小林' }]);
  });
});
