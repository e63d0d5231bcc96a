import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../../test/support/session.js';
import { recordDuplicateCandidates } from './duplicates.js';
import {
  type ChildListPage,
  childListPageSchema,
  type DuplicatePair,
  type MergeResult,
} from '../../../contract/registry/search.js';
import { ContractViolationError, parseWithContract } from '../../../../web/src/app/api/contract.js';
import { addChild, type ChildFixture, places } from './test-fixtures.js';

let server: TestServer;
let city: ApiSession;
let shashi: ApiSession;
let director: ApiSession;
let make: Factories;
// The roster's people, made by the factories (no demo); each signs in once.
const sessions = new Map<string, Promise<ApiSession>>();
const signInAs = (url: string, name: string): Promise<ApiSession> => {
  let session = sessions.get(name);
  if (!session) sessions.set(name, (session = make.signInAs(url, name)));
  return session;
};

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  [city, shashi, director] = await Promise.all([
    signInAs(server.url, 'officer.city'),
    signInAs(server.url, 'officer.shashi'),
    signInAs(server.url, 'director.chenlong'),
  ]);
});
afterAll(async () => server.close());

async function pairOf(a: ChildFixture, b: ChildFixture): Promise<{ id: string; a: string; b: string }> {
  const db = server.database.db;
  const [first, second] = [await addChild(db, a), await addChild(db, b)];
  await db
    .transaction()
    .execute((trx) =>
      recordDuplicateCandidates(trx, first, [
        { childId: second, score: 90, reasons: [{ code: 'same_name' }, { code: 'same_birth_date' }] },
      ]),
    );
  const row = await db
    .selectFrom('duplicate_candidates')
    .select('id')
    .where('child_a', 'in', [first, second])
    .where('child_b', 'in', [first, second])
    .executeTakeFirstOrThrow();
  return { id: row.id, a: first, b: second };
}

async function queue(session: ApiSession, state = 'open') {
  const response = await session.request('GET', `/api/duplicates?state=${state}&pageSize=100`);
  expect(response.status).toBe(200);
  return (await response.json()) as { items: DuplicatePair[]; total: number; elsewhere: number };
}

const versionOf = async (session: ApiSession, id: string) =>
  (await queue(session)).items.find((p) => p.id === id)!.version;

describe('the registry list over HTTP', () => {
  it('finds by pinyin initials inside the scope, masked, and refuses roles without children.read', async () => {
    await addChild(server.database.db, {
      name: '欧阳子涵',
      idNumber: '421002201503020011',
      residence: places.chenlong,
    });
    const response = await director.request('GET', `/api/children?q=${encodeURIComponent('oyzh')}`);
    const page = (await response.json()) as ChildListPage;
    expect(page.items.map((i) => [i.name, i.idNumber, i.matchedOn])).toEqual([
      ['欧阳子涵', '4210**********0011', 'pinyin'],
    ]);
    await expect(
      (await (await signInAs(server.url, 'officer.gongan')).request('GET', '/api/children?q=oyzh')).json(),
    ).resolves.toMatchObject({ items: [], total: 0 });
    expect((await (await signInAs(server.url, 'analyst')).request('GET', '/api/children')).status).toBe(403);
    expect((await errorOf(await director.request('GET', '/api/children?q=12'))).code).toBe(
      'registry.search.digits_too_short',
    );
    expect((await director.request('GET', '/api/children?within=000000000000')).status).toBe(400);
    expect((await director.request('GET', '/api/children?ageMin=9&ageMax=3')).status).toBe(400);
  });
});

describe('checking a draft before registering', () => {
  it('a file in another county is only "a match exists outside your area": no Haven code, no county, no reasons', async () => {
    const other = await addChild(server.database.db, {
      name: '韩梅梅',
      birthDate: '2014-04-04',
      residence: places.nongli,
    });
    const code = (
      await server.database.db
        .selectFrom('children')
        .select('haven_code')
        .where('id', '=', other)
        .executeTakeFirstOrThrow()
    ).haven_code;
    const response = await director.request('POST', '/api/children/duplicate-check', {
      name: '韩梅梅',
      birthDate: '2014-04-05',
      idNumber: null,
      residenceCode: places.chenlong,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ candidates: [], elsewhere: 1 });
    for (const leak of [code, '公安县', '421022', '2014-04-04', 'same_name'])
      expect(JSON.stringify(body)).not.toContain(leak);
  });
});

describe("a likely match outside the registrar's area", () => {
  it('a village director registering a child on file in another county sees only that a match exists elsewhere; registering sends a merge request to the officer who sees both', async () => {
    const db = server.database.db;
    // Same name, birth date and mother's phone: a likely match (100), though in another county.
    const other = await addChild(db, {
      name: '龚雪晴',
      birthDate: '2013-06-06',
      residence: places.nongli,
      guardians: [{ name: '龚母', phone: '13972155501' }],
    });
    const code = (
      await db.selectFrom('children').select('haven_code').where('id', '=', other).executeTakeFirstOrThrow()
    ).haven_code;
    const child = {
      name: '龚雪晴',
      sex: 'female',
      birthDate: '2013-06-06',
      residenceCode: places.chenlong,
      family: [{ relation: 'mother', name: '龚母', phone: '13972155501', isGuardian: true }],
    };
    const refused = await director.request('POST', '/api/children', child);
    expect(refused.status).toBe(409);
    const error = (await refused.json()) as {
      error: { code: string; message: string; details: { candidates: unknown[]; notShown: number } };
    };
    expect(error.error).toMatchObject({
      code: 'registry.possible_duplicate',
      details: { candidates: [], notShown: 1 },
    });
    expect(error.error.message).toContain('辖区外');
    for (const leak of [code, '公安县', places.nongli, other, 'shared_guardian_phone'])
      expect(JSON.stringify(error)).not.toContain(leak);

    const created = await director.request('POST', '/api/children', { ...child, confirmedNotDuplicate: true });
    expect(created.status).toBe(201);
    const createdBody = await created.json();
    for (const leak of [code, '公安县', places.nongli, other]) expect(JSON.stringify(createdBody)).not.toContain(leak);
    const mine = (createdBody as { id: string }).id;
    const requester = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'director.chenlong')
      .executeTakeFirstOrThrow();
    const pair = await db
      .selectFrom('duplicate_candidates')
      .select(['id', 'merge_requested_by', 'merge_requested_at'])
      .where('child_a', 'in', [mine, other])
      .where('child_b', 'in', [mine, other])
      .executeTakeFirstOrThrow();
    expect(pair.merge_requested_by).toBe(requester.id);
    expect(pair.merge_requested_at).not.toBeNull();
    // In the queue of the officer who sees both files, marked as a request; nobody who sees only one of them gets it.
    const shown = (await queue(city)).items.find((p) => p.id === pair.id);
    const directorName = await server.database.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'director.chenlong')
      .executeTakeFirstOrThrow();
    expect(shown?.mergeRequest).toMatchObject({ requestedBy: directorName.display_name });
    expect((await queue(city)).items[0]!.id).toBe(pair.id);
    for (const one of [director, shashi, await signInAs(server.url, 'director.nongli')])
      expect((await queue(one)).items.map((p) => p.id)).not.toContain(pair.id);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'duplicates.merge_requested')
      .where('entity_id', '=', pair.id)
      .execute();
    expect(audit).toHaveLength(2);
  });
});

describe('the review queue', () => {
  it('lists a pair to whoever sees both files; a county only counts pairs reaching into another county', async () => {
    const local = await pairOf(
      { name: '陈一', residence: places.chenlong },
      { name: '陈一', residence: places.chenlong },
    );
    const across = await pairOf(
      { name: '陈二', residence: places.chenlong },
      { name: '陈二', residence: places.nongli },
    );
    expect((await queue(director)).items.map((p) => p.id)).toContain(local.id);
    const county = await queue(shashi);
    expect(county.items.map((p) => p.id)).not.toContain(across.id);
    expect(county.elsewhere).toBeGreaterThanOrEqual(1);
    const cityQueue = await queue(city);
    const shown = cityQueue.items.find((p) => p.id === across.id)!;
    expect([shown.a.name, shown.b.name]).toEqual(['陈二', '陈二']);
    expect(shown.reasons.map((r) => r.code)).toEqual(['same_name', 'same_birth_date']);
    const refused = await shashi.request('POST', `/api/duplicates/${across.id}/merge`, {
      version: shown.version,
      survivorId: across.a,
      reason: '同一儿童',
    });
    expect(refused.status).toBe(404);
    expect(
      (
        await shashi.request('POST', `/api/duplicates/${across.id}/not-same`, {
          version: shown.version,
          reason: '不是同一人',
        })
      ).status,
    ).toBe(404);
  });

  it('"not the same" is remembered: the pair leaves the queue and is not proposed again', async () => {
    const pair = await pairOf({ name: '陈三', residence: places.shakou }, { name: '陈三', residence: places.shakou });
    const version = await versionOf(shashi, pair.id);
    expect((await errorOf(await shashi.request('POST', `/api/duplicates/${pair.id}/not-same`, { version }))).code).toBe(
      'invalid_input',
    );
    const decided = await shashi.request('POST', `/api/duplicates/${pair.id}/not-same`, {
      version,
      reason: '双胞胎，不是同一人',
    });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ state: 'not_same', decisionReason: '双胞胎，不是同一人' });
    await server.database.db
      .transaction()
      .execute((trx) =>
        recordDuplicateCandidates(trx, pair.a, [{ childId: pair.b, score: 95, reasons: [{ code: 'same_name' }] }]),
      );
    expect((await queue(shashi)).items.map((p) => p.id)).not.toContain(pair.id);
    expect((await queue(shashi, 'not_same')).items.map((p) => p.id)).toContain(pair.id);
    const timeline = await server.database.db
      .selectFrom('child_timeline')
      .select('child_id')
      .where('kind', '=', 'duplicate.not_same')
      .where('entity_id', '=', pair.id)
      .execute();
    expect(timeline.map((t) => t.child_id).sort()).toEqual([pair.a, pair.b].sort());
  });

  it('two decisions at once: one wins, the other is refused with 409', async () => {
    const pair = await pairOf({ name: '陈四', residence: places.shakou }, { name: '陈四', residence: places.shakou });
    const version = await versionOf(shashi, pair.id);
    const responses = await Promise.all([
      shashi.request('POST', `/api/duplicates/${pair.id}/merge`, { version, survivorId: pair.a, reason: '同一儿童' }),
      city.request('POST', `/api/duplicates/${pair.id}/not-same`, { version, reason: '不是同一人' }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expect((await errorOf(loser)).code).toBe('stale_version');
  });
});

describe('merging and undoing', () => {
  it('keeps every fact of both files, is audited, replays with the same key, and can be undone', async () => {
    const db = server.database.db;
    const pair = await pairOf(
      {
        name: '陈五',
        residence: places.chenlong,
        categories: ['left_behind'],
        guardians: [{ name: '陈大', phone: '13900002222', relation: 'father' }],
      },
      {
        name: '陈五',
        residence: places.chenlong,
        status: 'exited',
        guardians: [{ name: '林二', phone: '13900003333', relation: 'mother' }],
      },
    );
    const version = await versionOf(shashi, pair.id);
    const body = { version, survivorId: pair.a, reason: '同一儿童，两村重复登记' };
    const headers = { 'idempotency-key': `merge-${pair.id}` };
    const merged = await shashi.request('POST', `/api/duplicates/${pair.id}/merge`, body, headers);
    expect(merged.status).toBe(200);
    const result = (await merged.json()) as MergeResult;
    expect(result).toMatchObject({
      survivorId: pair.a,
      mergedId: pair.b,
      undone: false,
      pair: { state: 'merged', mergeId: result.mergeId },
    });
    const replay = await shashi.request('POST', `/api/duplicates/${pair.id}/merge`, body, headers);
    expect(((await replay.json()) as MergeResult).mergeId).toBe(result.mergeId);
    expect(await db.selectFrom('child_merges').select('id').where('candidate_id', '=', pair.id).execute()).toHaveLength(
      1,
    );

    const mergedChild = await db
      .selectFrom('children')
      .select(['status', 'merged_into'])
      .where('id', '=', pair.b)
      .executeTakeFirstOrThrow();
    expect(mergedChild).toEqual({ status: 'merged', merged_into: pair.a });
    expect(
      await db
        .selectFrom('family_members')
        .select('name')
        .where('child_id', 'in', [pair.a, pair.b])
        .orderBy('name')
        .execute(),
    ).toHaveLength(2);
    expect(await db.selectFrom('child_categories').select('category').where('child_id', '=', pair.a).execute()).toEqual(
      [{ category: 'left_behind' }],
    );
    const timeline = await db
      .selectFrom('child_timeline')
      .select(['child_id', 'kind'])
      .where('entity_id', '=', result.mergeId)
      .orderBy('kind')
      .execute();
    expect(timeline).toEqual([
      { child_id: pair.a, kind: 'child.merged_from' },
      { child_id: pair.b, kind: 'child.merged_into' },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'child_id'])
      .where('entity_id', '=', result.mergeId)
      .execute();
    expect(audit.map((a) => [a.action, a.child_id]).sort()).toEqual(
      [
        ['children.merge', pair.a],
        ['children.merge', pair.b],
      ].sort(),
    );
    const listed = (await (
      await shashi.request('GET', '/api/children?q=陈五&status=all'.replace('陈五', encodeURIComponent('陈五')))
    ).json()) as ChildListPage;
    expect(listed.items.map((i) => i.id)).toEqual([pair.a]);

    expect((await shashi.request('POST', `/api/merges/${result.mergeId}/undo`, {})).status).toBe(400);
    const undone = await shashi.request('POST', `/api/merges/${result.mergeId}/undo`, { reason: '核实后不是同一儿童' });
    expect(undone.status).toBe(200);
    expect(await undone.json()).toMatchObject({ undone: true, pair: { state: 'open', mergeId: null } });
    expect(
      await db
        .selectFrom('children')
        .select(['status', 'merged_into'])
        .where('id', '=', pair.b)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'exited', merged_into: null });
    const undoneEntries = await db
      .selectFrom('child_timeline')
      .select('child_id')
      .where('kind', '=', 'child.merge_undone')
      .where('entity_id', '=', result.mergeId)
      .execute();
    expect(undoneEntries).toHaveLength(2);
    expect(
      await db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', result.mergeId)
        .where('action', '=', 'children.merge_undo')
        .execute(),
    ).toHaveLength(2);
    const again = await shashi.request('POST', `/api/merges/${result.mergeId}/undo`, { reason: '再撤销一次' });
    expect((await errorOf(again)).code).toBe('registry.merges.already_undone');
  });

  it('refuses a survivor outside the pair and an undo by someone without both files in scope', async () => {
    const pair = await pairOf(
      { name: '陈六', residence: places.chenlong },
      { name: '陈六', residence: places.chenlong },
    );
    const version = await versionOf(director, pair.id);
    const stranger = await addChild(server.database.db, { name: '路人', residence: places.chenlong });
    const wrong = await director.request('POST', `/api/duplicates/${pair.id}/merge`, {
      version,
      survivorId: stranger,
      reason: '同一儿童',
    });
    expect((await errorOf(wrong)).code).toBe('registry.duplicates.survivor_not_in_pair');
    const merged = (await (
      await director.request('POST', `/api/duplicates/${pair.id}/merge`, {
        version,
        survivorId: pair.b,
        reason: '同一儿童',
      })
    ).json()) as MergeResult;
    const gongan = await signInAs(server.url, 'officer.gongan');
    expect((await gongan.request('POST', `/api/merges/${merged.mergeId}/undo`, { reason: '撤销' })).status).toBe(404);
  });
});

describe('the contract the web reads this answer with', () => {
  it('reads the real children list, and fails loudly once one field of it is renamed', async () => {
    await addChild(server.database.db, { name: '契约测试', residence: places.chenlong });
    const response = await director.request('GET', `/api/children?q=${encodeURIComponent('契约测试')}`);
    const body = (await response.json()) as { items: Record<string, unknown>[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(parseWithContract(childListPageSchema, body, '/api/children').items[0]?.name).toBe('契约测试');

    // The server renames residenceName: the web must not show "—" for it, it must refuse the answer.
    const renamed = {
      ...body,
      items: body.items.map(({ residenceName, ...item }) => ({ ...item, residenceLabel: residenceName })),
    };
    const failure = (() => {
      try {
        parseWithContract(childListPageSchema, renamed, '/api/children');
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ContractViolationError);
    expect((failure as ContractViolationError).problems.join('\n')).toContain('items.0.residenceName');
  });
});
