import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import type { Actor } from '../../platform/access/actor.js';
import { tokenHash } from '../../platform/auth/tokens.js';
import { loadConfig } from '../../platform/config.js';
import { buildApp, type BuiltApp } from '../../platform/http/app.js';
import type { CategoryCode, RiskGrade } from '../registry/tables.js';
import type { RegistryCountsResult } from '../../contract/insight/registry-counts.js';
import { recountRegistryCounts } from './counts-recount.js';
import { registryCounts } from './counts-service.js';
import { registryCountsSweep } from './counts-sweep.js';
import { registerInsightRoutes } from './routes.js';

let database: TestDatabase;
let built: BuiltApp;
const tokens = { shashi: 'counts-shashi', gongan: 'counts-gongan', jingzhou: 'counts-jingzhou' };

function officer(jurisdiction: string, childJurisdiction?: string[]): Actor {
  return {
    kind: 'user',
    userId: null,
    organisationId: null,
    label: '统计',
    roles: [],
    permissions: new Set(['insight.aggregate']),
    jurisdiction: [jurisdiction],
    childJurisdiction,
    locale: 'zh-CN',
    ip: null,
    requestId: null,
  };
}

// 沙市区 (421002): 中山街道 village 001 and 002, one child recorded at the county itself; 公安县 (421022); 武汉 (4201).
const zhongshan1 = '421002001001';
const zhongshan2 = '421002001002';
const chongwen = '421002002001';
const gongan = '421022100201';
const wuhan = '420102001001';
let serial = 0;

async function addChildren(
  code: string,
  count: number,
  risk: RiskGrade | null,
  categories: CategoryCode[] = [],
): Promise<string[]> {
  const rows = await database.db
    .insertInto('children')
    .values(
      Array.from({ length: count }, () => ({
        name: `统计儿童${(serial += 1)}`,
        birth_date: '2016-03-01',
        residence_code: code,
        risk_grade: risk,
      })),
    )
    .returning('id')
    .execute();
  const ids = rows.map((row) => row.id);
  if (categories.length > 0) {
    await database.db
      .insertInto('child_categories')
      .values(
        ids.flatMap((id) =>
          categories.map((category) => ({
            child_id: id,
            category,
            state: 'confirmed' as const,
            start_date: '2024-01-01',
          })),
        ),
      )
      .execute();
  }
  return ids;
}

/** Everything in registry_counts, in one order, to compare an incremental recount with a full one. */
async function table(): Promise<string[]> {
  const rows = await sql<{
    r: string;
  }>`SELECT concat_ws(' ', level, division_code, dimension, value, n) AS r FROM registry_counts ORDER BY 1`.execute(
    database.db,
  );
  return rows.rows.map((row) => row.r);
}

async function matchesFullRecount(): Promise<void> {
  const incremental = await table();
  await database.db.transaction().execute((trx) => recountRegistryCounts(trx, 'all'));
  expect(incremental).toEqual(await table());
}

const row = (result: RegistryCountsResult, code: string) => result.rows.find((r) => r.code === code);
const cell = (result: RegistryCountsResult, code: string, value: string) =>
  row(result, code)?.counts[result.values.indexOf(value)];
const total = (result: RegistryCountsResult, value: string) => result.totals[result.values.indexOf(value)];

let movers: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  await addChildren(zhongshan1, 12, 'high', ['left_behind']);
  await addChildren(zhongshan1, 6, 'low', ['left_behind', 'poverty']);
  await addChildren(zhongshan2, 7, null, ['orphan']);
  movers = await addChildren(chongwen, 3, 'medium_high', ['poverty']);
  await addChildren(chongwen, 2, null);
  await addChildren('421002000000', 5, 'low');
  await addChildren(gongan, 9, 'medium_low', ['disability']);
  await addChildren(wuhan, 8, 'high', ['street']);
  const org = await database.db
    .insertInto('organisations')
    .values({ name: '统计用民政局', kind: 'civil_affairs_bureau', division_code: '421000000000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('api_tokens')
    .values(
      Object.entries({ shashi: '421002000000', gongan: '421022000000', jingzhou: '421000000000' }).map(
        ([key, code]) => ({
          name: key,
          token_hash: tokenHash(tokens[key as keyof typeof tokens]),
          organisation_id: org.id,
          jurisdiction_code: code,
          scopes: ['insight.aggregate'],
          expires_at: new Date(Date.now() + 3600_000),
        }),
      ),
    )
    .execute();
  built = await buildApp(
    { db: database.db, config: loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' }), embedded: undefined },
    [registerInsightRoutes],
  );
  await built.app.ready();
  await registryCountsSweep.run(database.db, new Date());
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

describe('precomputed registry counts', () => {
  it('count active children by confirmed category per county of a city, rolled up from the places', async () => {
    const result = await registryCounts(database.db, officer('421000000000'), {
      within: '421000000000',
      by: 'category',
      level: 'county',
    });
    expect(result).toMatchObject({
      within: { code: '421000000000', name: '荆州市', level: 'city' },
      level: 'county',
      by: 'category',
      threshold: 5,
    });
    expect(result.values).toContain('left_behind');
    expect(cell(result, '421002000000', 'left_behind')).toBe(18);
    expect(cell(result, '421002000000', 'orphan')).toBe(7);
    expect(cell(result, '421022000000', 'disability')).toBe(9);
    // 沙市区 has 9 in poverty, 公安县 none: nothing to hide.
    expect(cell(result, '421002000000', 'poverty')).toBe(9);
    expect(cell(result, '421024000000', 'poverty')).toBe(0);
    expect(result.rows.every((r) => r.code.startsWith('4210'))).toBe(true);
    expect(total(result, 'left_behind')).toBe(18);
    expect(Date.parse(result.countedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('count by risk grade per township of a province, with children recorded at the county itself as their own row', async () => {
    const result = await registryCounts(database.db, officer('420000000000'), {
      within: '420000000000',
      by: 'risk',
      level: 'township',
    });
    expect(result.values).toEqual(['high', 'medium_high', 'medium_low', 'low', 'unassessed']);
    expect(cell(result, '421002001000', 'high')).toBe(12);
    expect(cell(result, '421002001000', 'low')).toBe(6);
    // 崇文街道's two unassessed children are hidden, and with them the column's smallest other count (中山街道's 7).
    expect(cell(result, '421002002000', 'unassessed')).toBeNull();
    expect(cell(result, '421002001000', 'unassessed')).toBeNull();
    expect(total(result, 'unassessed')).toBe(9);
    expect(cell(result, '420102001000', 'high')).toBe(8);
    expect(row(result, '421002000000')).toMatchObject({ name: '沙市区', direct: true });
    expect(cell(result, '421002000000', 'low')).toBe(5);
    // 崇文街道's three children at medium-high risk are hidden; no other cell to hide with them, so the total is withheld.
    expect(cell(result, '421002002000', 'medium_high')).toBeNull();
    expect(cell(result, '420102001000', 'medium_high')).toBe(0);
    expect(total(result, 'medium_high')).toBeNull();
    expect(result.rows.flatMap((r) => r.counts).every((n) => n === null || n === 0 || n >= 5)).toBe(true);
    expect(result.rows.filter((r) => r.direct)).toHaveLength(1);
  });

  it('follow every kind of change at the next sweep, and agree with a recount from scratch', async () => {
    const [first, second, third] = movers as [string, string, string];
    await database.db.updateTable('children').set({ residence_code: gongan }).where('id', '=', first).execute();
    await database.db.updateTable('children').set({ status: 'aged_out' }).where('id', '=', second).execute();
    await database.db.updateTable('children').set({ risk_grade: 'high' }).where('id', '=', third).execute();
    await database.db.updateTable('child_categories').set({ state: 'ended' }).where('child_id', '=', third).execute();
    const [fresh] = await addChildren(zhongshan2, 1, 'low');
    await database.db
      .insertInto('child_categories')
      .values({ child_id: fresh!, category: 'juvenile_victim', state: 'proposed' })
      .execute();
    expect(
      await sql`SELECT 1 FROM registry_counts_dirty`.execute(database.db).then((r) => r.rows.length),
    ).toBeGreaterThan(0);

    const outcome = await registryCountsSweep.run(database.db, new Date());
    expect(outcome).toEqual({ places: 3, full: 0 });
    const gonganCounts = await registryCounts(database.db, officer('421022000000'), {
      within: '421022000000',
      by: 'category',
      level: 'township',
    });
    expect(total(gonganCounts, 'poverty')).toBeNull();
    const village = await registryCounts(database.db, officer('421002000000'), { within: '421002002000', by: 'risk' });
    expect(total(village, 'medium_high')).toBe(0);
    await matchesFullRecount();
  });

  it('change nothing on a second run, which only moves countedAt on', async () => {
    const before = await table();
    const counted = (await registryCounts(database.db, officer('421000000000'), { within: '421000000000', by: 'risk' }))
      .countedAt;
    expect(await registryCountsSweep.run(database.db, new Date())).toEqual({ places: 0, full: 0 });
    expect(await table()).toEqual(before);
    const again = (await registryCounts(database.db, officer('421000000000'), { within: '421000000000', by: 'risk' }))
      .countedAt;
    expect(Date.parse(again ?? '')).toBeGreaterThanOrEqual(Date.parse(counted ?? ''));
  });

  it('heal within a day what bypassed the triggers', async () => {
    await sql`ALTER TABLE children DISABLE TRIGGER children_counts_inserted`.execute(database.db);
    try {
      await addChildren(gongan, 5, 'high');
    } finally {
      await sql`ALTER TABLE children ENABLE TRIGGER children_counts_inserted`.execute(database.db);
    }
    await registryCountsSweep.run(database.db, new Date());
    const stale = await registryCounts(database.db, officer('421022000000'), { within: '421022000000', by: 'risk' });
    expect(total(stale, 'high')).toBe(0);
    await sql`UPDATE registry_counts_state SET full_counted_at = now() - interval '25 hours'`.execute(database.db);
    expect(await registryCountsSweep.run(database.db, new Date())).toMatchObject({ full: 1 });
    const healed = await registryCounts(database.db, officer('421022000000'), { within: '421022000000', by: 'risk' });
    expect(total(healed, 'high')).toBe(5);
  });
});

describe('who may read them', () => {
  it('answers a division outside the caller’s places like a missing one', async () => {
    for (const [actor, within] of [
      [officer('421002000000'), '421022000000'],
      [officer('421002000000'), '421000000000'],
      [officer('421002000000'), '420000000000'],
      [officer('421000000000', []), '421000000000'],
      [officer('421000000000'), '421099000000'],
    ] as const) {
      await expect(registryCounts(database.db, actor, { within, by: 'category' })).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
        params: { id: within },
      });
    }
  });

  it('over HTTP: a county officer reads its own county, not the neighbouring one nor the city', async () => {
    const get = (token: string, query: string, language = 'zh-CN') =>
      built.app.inject({
        method: 'GET',
        url: `/api/insight/registry-counts?${query}`,
        headers: { authorization: `Bearer ${token}`, 'accept-language': language },
      });
    const own = await get(tokens.shashi, 'within=421002000000&by=category');
    expect(own.statusCode).toBe(200);
    expect((own.json() as RegistryCountsResult).rows.every((r) => r.code.startsWith('421002'))).toBe(true);
    const neighbour = await get(tokens.gongan, 'within=421002000000&by=category');
    expect(neighbour.statusCode).toBe(404);
    expect(neighbour.json()).toMatchObject({
      error: { code: 'not_found', message: '找不到该行政区划（421002000000），或您无权查看。' },
    });
    expect((await get(tokens.shashi, 'within=421000000000&by=risk')).statusCode).toBe(404);
    expect((await get(tokens.jingzhou, 'within=421022000000&by=risk&level=village')).statusCode).toBe(200);
    const anonymous = await built.app.inject({
      method: 'GET',
      url: '/api/insight/registry-counts?within=421002000000&by=risk',
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a level that is not below, or villages of a whole city, in the caller’s language', async () => {
    const get = (query: string, language: string) =>
      built.app.inject({
        method: 'GET',
        url: `/api/insight/registry-counts?${query}`,
        headers: { authorization: `Bearer ${tokens.jingzhou}`, 'accept-language': language },
      });
    const coarse = await get('within=421002000000&by=risk&level=city', 'en');
    expect(coarse.statusCode).toBe(400);
    expect(coarse.json()).toMatchObject({
      error: { code: 'insight.counts_level', message: expect.stringContaining('cannot be broken down by city') },
    });
    const villages = await get('within=421000000000&by=risk&level=village', 'zh-CN');
    expect(villages.json()).toMatchObject({
      error: { code: 'insight.counts_level', message: expect.stringContaining('村（社区）') },
    });
    expect((await get('within=421000000000&by=age', 'en')).statusCode).toBe(400);
  });

  it('answers with codes and counts only', async () => {
    const response = await built.app.inject({
      method: 'GET',
      url: '/api/insight/registry-counts?within=421002001000&by=risk',
      headers: { authorization: `Bearer ${tokens.shashi}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('统计儿童');
    for (const id of movers) expect(response.body).not.toContain(id);
  });
});
