import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Factories, places, type TestChild } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../test/support/session.js';
import type { FamilyCopies } from '../../contract/registry/child.js';
import { applyDelta, situationDelta } from './family-copies.js';
import { composeIdNumber } from './id-number.js';

const open = {
  kind: 'imprisoned' as const,
  place: '沙洋监狱',
  since: '2022-05-01',
  until: null,
  disabilityGrade: null,
  disabilityType: null,
  note: null,
};

describe('a change to one copy, as a delta for the others', () => {
  it('an ended situation replaces the open one where the copy has it, and is added where it has not', () => {
    const ended = { ...open, until: '2026-11-01' };
    const delta = situationDelta([open], [ended]);
    expect(applyDelta([open], delta)).toEqual([ended]);
    expect(applyDelta([], delta)).toEqual([ended]);
    // Already there (the same facts, another note): nothing to do.
    expect(applyDelta([{ ...ended, note: '另一份' }], delta)).toBeUndefined();
  });

  it('an added situation is not added twice; other situations of the copy stay', () => {
    const away = { ...open, kind: 'working_away' as const, place: '广州', since: '2020-01-01' };
    const delta = situationDelta([], [open]);
    expect(applyDelta([away], delta)).toEqual([away, open]);
    expect(applyDelta([open], delta)).toBeUndefined();
  });
});

let server: TestServer;
let make: Factories;
let officer: ApiSession;
let a: TestChild;
let b: TestChild;
const fatherId = composeIdNumber('421002', '1984-07-09', 15);

interface Member {
  id: string;
  name: string;
  version: number;
  phone: string | null;
  situations: { kind: string; since: string | null; until: string | null; place: string | null }[];
}
interface File {
  id: string;
  family: Member[];
  categories: { category: string; state: string }[];
}
const json = async <T>(response: Response, status: number): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};
const fileOf = async (session: ApiSession, child: TestChild) =>
  json<File>(await session.request('GET', `/api/children/${child.id}`), 200);
const fatherOf = async (session: ApiSession, child: TestChild) => (await fileOf(session, child)).family[0]!;
const copiesOf = async (session: ApiSession, child: TestChild, memberId: string) =>
  json<FamilyCopies>(await session.request('GET', `/api/children/${child.id}/family/${memberId}/copies`), 200);
const input = (s: Member['situations'][number]) => ({ kind: s.kind, since: s.since, until: s.until, place: s.place });
const situationsIn = (member: Member) => member.situations.map((s) => `${s.kind}:${s.since}:${s.until ?? ''}`);
const timelineOf = async (childId: string) =>
  server.database.db
    .selectFrom('child_timeline')
    .select(['entity_id', 'actor_label', 'reason'])
    .where('child_id', '=', childId)
    .where('kind', '=', 'family.updated')
    .execute();

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  [a, b] = [
    await make.child({ name: '周小满', residenceCode: places.chenlong, address: '陈龙村二组3号' }),
    await make.child({ name: '周小雪', residenceCode: places.chenlong, address: '陈龙村二组3号' }),
  ];
  for (const child of [a, b])
    await make.familyMember(child, { relation: 'father', isGuardian: true, name: '周建华', idNumber: fatherId });
  const linked = await officer.request('POST', '/api/households', {
    childIds: [a.id, b.id],
    basis: 'officer',
    note: '户口簿同户',
  });
  expect(linked.status).toBe(201);
}, 180_000);
afterAll(async () => server?.close());

describe("a family member on several siblings' files, over HTTP", () => {
  it("a situation added on A's file is on B's copy too, each on its own timeline, with the categories proposed again", async () => {
    const father = await fatherOf(officer, a);
    const copies = await copiesOf(officer, a, father.id);
    expect(copies.siblings).toEqual([{ childId: b.id, name: '周小雪' }]);
    expect(copies.outsideScope).toBe(0);
    const answer = await json<File>(
      await officer.request('PATCH', `/api/children/${a.id}/family/${father.id}`, {
        situations: [{ kind: 'imprisoned', since: '2023-03-01', place: '沙洋监狱' }],
        version: father.version,
        reason: '派出所通报：服刑',
        copies: copies.copies,
      }),
      200,
    );
    expect(situationsIn(answer.family[0]!)).toEqual(['imprisoned:2023-03-01:']);
    const onB = await fileOf(officer, b);
    expect(situationsIn(onB.family[0]!)).toEqual(['imprisoned:2023-03-01:']);
    const proposed = (file: File) =>
      file.categories
        .filter((c) => c.state === 'proposed')
        .map((c) => c.category)
        .sort();
    expect(proposed(onB)).toEqual(proposed(answer));
    for (const [child, member] of [
      [a, father.id],
      [b, onB.family[0]!.id],
    ] as const)
      expect(await timelineOf(child.id)).toContainEqual(
        expect.objectContaining({ entity_id: member, reason: '派出所通报：服刑' }),
      );
  });

  it('a copy changed since the writer looked, or a stale version of the writer’s own copy: 409, nothing written on either file', async () => {
    const father = await fatherOf(officer, a);
    const seen = await copiesOf(officer, a, father.id);
    // Someone edits B's copy meanwhile (the phone only: nothing to pass on).
    const onB = await fatherOf(officer, b);
    await json<File>(
      await officer.request('PATCH', `/api/children/${b.id}/family/${onB.id}`, {
        phone: '13900001111',
        version: onB.version,
        reason: '更新电话',
      }),
      200,
    );
    const release = {
      situations: [{ kind: 'imprisoned', since: '2023-03-01', until: '2026-11-01', place: '沙洋监狱' }],
      version: father.version,
      reason: '刑满释放',
    };
    const stale = await officer.request('PATCH', `/api/children/${a.id}/family/${father.id}`, {
      ...release,
      copies: seen.copies,
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('registry.family_copies_changed');
    const ownStale = await officer.request('PATCH', `/api/children/${a.id}/family/${father.id}`, {
      ...release,
      version: father.version - 1 || 99,
      copies: (await copiesOf(officer, a, father.id)).copies,
    });
    expect(ownStale.status).toBe(409);
    for (const child of [a, b])
      expect(situationsIn(await fatherOf(officer, child))).toEqual(['imprisoned:2023-03-01:']);
  });

  it("two writers on the same person from both siblings' files at once: one is saved, the other is a 409 (no deadlock, no 500)", async () => {
    const [onA, onB] = [await fatherOf(officer, a), await fatherOf(officer, b)];
    const change = (child: TestChild, member: Member, place: string) =>
      officer.request('PATCH', `/api/children/${child.id}/family/${member.id}`, {
        situations: [...member.situations.map(input), { kind: 'working_away', since: '2020-01-01', place }],
        version: member.version,
        reason: '同时录入',
      });
    const statuses = (await Promise.all([change(a, onA, '广州'), change(b, onB, '深圳')])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const [afterA, afterB] = [await fatherOf(officer, a), await fatherOf(officer, b)];
    expect(situationsIn(afterA)).toEqual(situationsIn(afterB));
    expect(afterA.situations.filter((s) => s.kind === 'working_away')).toHaveLength(1);
  });

  it('the writer who cannot see B: B is counted, never named, and its copy is still changed', async () => {
    await server.database.db
      .updateTable('children')
      .set({ residence_code: places.nongli, hukou_code: places.nongli })
      .where('id', '=', b.id)
      .execute();
    const father = await fatherOf(officer, a);
    const copiesResponse = await officer.request('GET', `/api/children/${a.id}/family/${father.id}/copies`);
    const copiesText = await copiesResponse.text();
    const copies = JSON.parse(copiesText) as FamilyCopies;
    expect(copies.siblings).toEqual([]);
    expect(copies.outsideScope).toBe(1);
    const far = await make.signInAs(server.url, 'officer.gongan');
    const bFather = await fatherOf(far, b);
    const response = await officer.request('PATCH', `/api/children/${a.id}/family/${father.id}`, {
      situations: father.situations.map((s) =>
        s.kind === 'imprisoned' ? { ...input(s), until: '2026-11-01' } : input(s),
      ),
      version: father.version,
      reason: '刑满释放，回村居住',
      copies: copies.copies,
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    for (const word of [b.id, '周小雪', bFather.id]) {
      expect(text).not.toContain(word);
      expect(copiesText).not.toContain(word);
    }
    expect(situationsIn(await fatherOf(far, b))).toContain('imprisoned:2023-03-01:2026-11-01');
    expect(situationsIn(await fatherOf(far, b))).not.toContain('imprisoned:2023-03-01:');
    expect(await timelineOf(b.id)).toContainEqual(
      expect.objectContaining({ entity_id: bFather.id, reason: '刑满释放，回村居住' }),
    );
    // Out of B's scope, B's file itself stays a 404 to the writer.
    expect((await officer.request('GET', `/api/children/${b.id}`)).status).toBe(404);
  });
});
