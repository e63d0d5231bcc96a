import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { composeIdNumber } from '../registry/id-number.js';

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let farOfficer: ApiSession;
const siblings: TestChild[] = [];
let neighbour: TestChild;
let lateSibling: TestChild;
let neighbourMother: string;
const today = shanghaiDateOf(new Date());
// The father of both siblings, with the same (real) ID number on each file.
const fatherId = composeIdNumber('421002', '1985-03-02', 13);

const json = async <T = Record<string, unknown>>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
interface Household {
  id: string;
  version: number;
  children: { childId: string }[];
  childrenOutsideScope: number;
  persons: {
    name: string;
    idNumber: string | null;
    differs: boolean;
    copies: { childId: string; memberId: string; version: number; situations: { kind: string; since: string }[] }[];
  }[];
}
interface Proposal {
  childIds: string[];
  guardianName: string;
  guardianIdNumber: string | null;
}

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  farOfficer = await make.signInAs(server.url, 'officer.gongan');
  for (const name of ['王小春', '王小秋']) {
    const child = await make.child({ name, residenceCode: places.chenlong, address: '陈龙村三组8号' });
    await make.familyMember(child, { relation: 'father', isGuardian: true, name: '王建国', idNumber: fatherId });
    siblings.push(child);
  }
  neighbour = await make.child({ residenceCode: places.chenlong, address: '陈龙村三组9号' });
  const file = await make.familyMember(neighbour, { relation: 'mother', isGuardian: true, name: '李红' });
  neighbourMother = file.family[0]!.id;
  lateSibling = await make.child({ name: '王小冬', residenceCode: places.chenlong, address: '陈龙村三组8号' });
}, 180_000);
afterAll(async () => server?.close());

describe('households over HTTP', () => {
  let household: Household;

  it('proposes the two files with the same guardian and address as one household; never the neighbour', async () => {
    const { items } = await json<{ items: Proposal[] }>(await officer.request('GET', '/api/households/proposals'), 200);
    const ids = siblings.map((s) => s.id).sort();
    expect(items).toEqual([expect.objectContaining({ childIds: ids, guardianName: '王建国' })]);
    // Nothing is linked until a person decides: each child has no household yet.
    const none = await json<{ household: unknown }>(
      await officer.request('GET', `/api/children/${siblings[0]!.id}/household`),
      200,
    );
    expect(none.household).toBeNull();
  });

  it('refuses a link Haven did not propose, and an officer’s judgement without grounds (400, named)', async () => {
    const body = { childIds: [siblings[0]!.id, neighbour.id], basis: 'proposal' };
    const unproposed = await officer.request('POST', '/api/households', body);
    expect(unproposed.status).toBe(400);
    expect((await errorOf(unproposed)).details?.[0]?.path).toBe('body.basis');
    const bare = await officer.request('POST', '/api/households', { ...body, basis: 'officer' });
    expect(bare.status).toBe(400);
    expect((await errorOf(bare)).details?.[0]?.path).toBe('body.note');
  });

  it('links the reviewed proposal once per Idempotency-Key; a child outside the scope is a 404', async () => {
    const body = { childIds: siblings.map((s) => s.id), basis: 'proposal' };
    const key = { 'Idempotency-Key': 'household-wang-0001' };
    household = await json<Household>(await officer.request('POST', '/api/households', body, key), 201);
    const again = await officer.request('POST', '/api/households', body, key);
    expect(again.status).toBe(201);
    expect(((await again.json()) as Household).id).toBe(household.id);
    expect(household.children.map((c) => c.childId).sort()).toEqual(siblings.map((s) => s.id).sort());
    expect(household.persons).toEqual([
      expect.objectContaining({ name: '王建国', differs: false, copies: expect.any(Array) }),
    ]);
    // Already linked: no second household, and no more proposal.
    const twice = await officer.request('POST', '/api/households', { ...body, basis: 'officer', note: '户口簿' });
    expect(twice.status).toBe(409);
    const { items } = await json<{ items: Proposal[] }>(await officer.request('GET', '/api/households/proposals'), 200);
    expect(items).toEqual([]);
    expect((await farOfficer.request('GET', `/api/households/${household.id}`)).status).toBe(404);
  });

  it('the father’s release from prison is entered once and is on both files; a stale copy is a 409', async () => {
    const father = household.persons[0]!;
    const body = {
      members: father.copies.map((c) => ({ memberId: c.memberId, version: c.version })),
      situation: { kind: 'imprisoned', since: '2022-05-01', until: today, place: '沙洋监狱' },
      reason: '刑满释放，回村居住',
    };
    const after = await json<Household>(
      await officer.request('POST', `/api/households/${household.id}/situations`, body),
      200,
    );
    const copies = after.persons[0]!.copies;
    expect(copies.map((c) => c.situations.map((s) => s.kind))).toEqual([['imprisoned'], ['imprisoned']]);
    expect(after.persons[0]!.differs).toBe(false);
    const stale = await officer.request('POST', `/api/households/${household.id}/situations`, body);
    expect(stale.status).toBe(409);
    // Nothing half-written: the refused second entry left both files as they were.
    const now = await json<Household>(await officer.request('GET', `/api/households/${household.id}`), 200);
    expect(now.persons[0]!.copies.every((c) => c.situations.length === 1)).toBe(true);
    const foreign = await officer.request('POST', `/api/households/${household.id}/situations`, {
      ...body,
      members: [{ memberId: neighbourMother, version: 1 }],
    });
    expect(foreign.status).toBe(400);
  });

  it('a sibling found later joins; one home visit covers the household’s children', async () => {
    household = await json<Household>(
      await officer.request('POST', `/api/households/${household.id}/children`, {
        childId: lateSibling.id,
        version: (await json<Household>(await officer.request('GET', `/api/households/${household.id}`), 200)).version,
      }),
      200,
    );
    expect(household.children).toHaveLength(3);
    const form = { visitedOn: today, respondentName: '王建国', respondentRelation: '父亲', findings: {} };
    const key = { 'Idempotency-Key': 'household-visit-0001' };
    const result = await json<{ visits: { childId: string; visitId: string }[] }>(
      await officer.request('POST', `/api/households/${household.id}/visits`, form, key),
      201,
    );
    expect(result.visits.map((v) => v.childId).sort()).toEqual([...siblings.map((s) => s.id), lateSibling.id].sort());
    await officer.request('POST', `/api/households/${household.id}/visits`, form, key);
    for (const child of [...siblings, lateSibling]) {
      const visits = await json<{ items: unknown[] }>(
        await officer.request('GET', `/api/visits?childId=${child.id}`),
        200,
      );
      expect(visits.items).toHaveLength(1);
    }
    // A visit of a child not in the household: 400 naming it; a director not responsible: refused.
    const outsider = await officer.request('POST', `/api/households/${household.id}/visits`, {
      ...form,
      childIds: [neighbour.id],
    });
    expect(outsider.status).toBe(400);
    expect((await errorOf(outsider)).details?.[0]?.path).toBe('body.childIds.0');
  });

  it('a proposal judged not one family is not made again; a child leaves the household with the reason', async () => {
    const twin = await make.child({ residenceCode: places.chenlong, address: '陈龙村五组1号' });
    const other = await make.child({ residenceCode: places.chenlong, address: '陈龙村五组1号' });
    const carerId = composeIdNumber('421002', '1960-01-01', 21);
    for (const child of [twin, other])
      await make.familyMember(child, {
        relation: 'entrusted_carer',
        isGuardian: true,
        name: '赵大爷',
        idNumber: carerId,
      });
    const proposals = async () =>
      (await json<{ items: Proposal[] }>(await officer.request('GET', '/api/households/proposals'), 200)).items;
    expect(await proposals()).toHaveLength(1);
    const decline = await officer.request('POST', '/api/households/proposals/decline', {
      childIds: [other.id, twin.id],
      reason: '受委托照护的邻居，不是同一家庭',
    });
    expect(decline.status).toBe(204);
    expect(await proposals()).toEqual([]);
    const current = await json<Household>(await officer.request('GET', `/api/households/${household.id}`), 200);
    const left = await officer.request('POST', `/api/households/${household.id}/children/${lateSibling.id}/leave`, {
      version: current.version,
      reason: '随母亲迁往沙市城区',
    });
    expect(left.status).toBe(204);
    const after = await json<{ household: Household | null }>(
      await officer.request('GET', `/api/children/${lateSibling.id}/household`),
      200,
    );
    expect(after.household).toBeNull();
    const far = await json<{ items: Proposal[] }>(await farOfficer.request('GET', '/api/households/proposals'), 200);
    expect(far.items).toEqual([]);
  });

  it("on the child's file, through the scope: a sibling who moved to another county is counted, not named; the moved child's household is a 404 to her", async () => {
    const director = await make.signInAs(server.url, 'director.chenlong');
    const [stays, moves] = siblings as [TestChild, TestChild];
    const before = await json<{ household: Household }>(
      await director.request('GET', `/api/children/${stays.id}/household`),
      200,
    );
    expect(before.household.children.map((c) => c.childId).sort()).toEqual([stays.id, moves.id].sort());
    await server.database.db
      .updateTable('children')
      .set({ residence_code: places.nongli, hukou_code: places.nongli })
      .where('id', '=', moves.id)
      .execute();
    const response = await director.request('GET', `/api/children/${stays.id}/household`);
    const text = await response.text();
    expect(response.status).toBe(200);
    const after = (JSON.parse(text) as { household: Household }).household;
    expect(after.children.map((c) => c.childId)).toEqual([stays.id]);
    expect(after.childrenOutsideScope).toBe(1);
    expect(after.persons).toEqual([]);
    for (const word of ['王小秋', moves.id]) expect(text).not.toContain(word);
    expect((await director.request('GET', `/api/children/${moves.id}/household`)).status).toBe(404);
    // The city's officer sees both counties: both named.
    const city = await make.signInAs(server.url, 'officer.city');
    const both = await json<{ household: Household }>(
      await city.request('GET', `/api/children/${stays.id}/household`),
      200,
    );
    expect(both.household.children).toHaveLength(2);
    const audited = await server.database.db
      .selectFrom('audit_log')
      .select('child_id')
      .where('action', '=', 'households.read')
      .where('child_id', '=', stays.id)
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(3);
  });
});
