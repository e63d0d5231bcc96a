import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';

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
