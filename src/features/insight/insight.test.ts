import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import type { Actor } from '../../platform/access/actor.js';
import { tokenHash } from '../../platform/auth/tokens.js';
import { loadConfig } from '../../platform/config.js';
import { DomainError } from '../../platform/errors.js';
import { buildApp, type BuiltApp } from '../../platform/http/app.js';
import type { ByDivisionResult } from '../../contract/insight/by-division.js';
import { registerInsightRoutes } from './routes.js';
import { childrenByDivision } from './service.js';

let database: TestDatabase;
let built: BuiltApp;
const token = 'insight-analyst-token';

function analyst(jurisdiction: string[]): Actor {
  return {
    kind: 'user',
    userId: null,
    organisationId: null,
    label: '分析员',
    roles: [],
    permissions: new Set(['insight.aggregate']),
    jurisdiction,
    locale: 'zh-CN',
    ip: null,
    requestId: null,
  };
}
const jingzhou = analyst(['421000000000']);

// Residence codes in 荆州市: 沙市区 7 (中山街道 5, 崇文街道 1, 解放街道 1), 荆州区 2, 公安县 6; 武汉 3 more.
const residences = [
  ...Array<string>(5).fill('421002001001'),
  '421002002001',
  '421002003001',
  '421003001001',
  '421003001002',
  ...Array<string>(6).fill('421022100201'),
  ...Array<string>(3).fill('420102001001'),
];
const names = residences.map((_, i) => `测试儿童${String.fromCharCode(0x4e00 + i)}`);
let childIds: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const rows = await database.db
    .insertInto('children')
    .values(
      residences.map((code, i) => ({
        name: names[i] ?? '',
        sex: i % 2 ? 'male' : 'female',
        birth_date: '2015-06-01',
        id_number: `42100220150601${String(1000 + i)}`,
        residence_code: code,
      })),
    )
    .returning('id')
    .execute();
  childIds = rows.map((row) => row.id);
  const org = await database.db
    .insertInto('organisations')
    .values({ name: '荆州市统计分析', kind: 'civil_affairs_bureau', division_code: '421000000000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('api_tokens')
    .values({
      name: 'analyst',
      token_hash: tokenHash(token),
      organisation_id: org.id,
      jurisdiction_code: '421000000000',
      scopes: ['insight.aggregate'],
      expires_at: new Date(Date.now() + 3600_000),
    })
    .execute();
  built = await buildApp(
    { db: database.db, config: loadConfig({}, { logLevel: 'silent', webDir: '/nonexistent' }), embedded: undefined },
    [registerInsightRoutes],
  );
  await built.app.ready();
});
afterAll(async () => {
  await built.app.close();
  await database.drop();
});

const cell = (result: ByDivisionResult, code: string) => result.cells.find((c) => c.code === code);

describe('children by division', () => {
  it('counts per county of a city, listing empty counties, suppressing small cells and their complement', async () => {
    const result = await childrenByDivision(database.db, jingzhou, '421000000000');
    expect(result).toMatchObject({
      within: { code: '421000000000', name: '荆州市', level: 'city' },
      level: 'county',
      source: 'divisions',
      threshold: 5,
      total: 15,
      totalSuppressed: false,
    });
    expect(cell(result, '421002000000')).toEqual({
      code: '421002000000',
      name: '沙市区',
      direct: false,
      count: 7,
      suppressed: false,
    });
    expect(cell(result, '421003000000')).toMatchObject({ name: '荆州区', count: null, suppressed: true });
    // The smallest publishable cell, so 荆州区 cannot be had as total minus the rest.
    expect(cell(result, '421022000000')).toMatchObject({ name: '公安县', count: null, suppressed: true });
    expect(cell(result, '421024000000')).toMatchObject({ name: '江陵县', count: 0, suppressed: false });
    expect(result.cells.map((c) => c.code)).toContain('421088000000');
    expect(result.cells.every((c) => c.code.startsWith('4210') && c.code.endsWith('000000'))).toBe(true);
  });

  it('needs no complement when two cells are small', async () => {
    const result = await childrenByDivision(database.db, jingzhou, '421002000000');
    expect(result).toMatchObject({ level: 'township', total: 7 });
    expect(cell(result, '421002001000')).toMatchObject({ name: '中山街道', count: 5 });
    expect(cell(result, '421002002000')).toMatchObject({ count: null, suppressed: true });
    expect(cell(result, '421002003000')).toMatchObject({ count: null, suppressed: true });
    expect(cell(result, '421002004000')).toMatchObject({ count: 0, suppressed: false });
  });

  it('withholds a small total', async () => {
    const result = await childrenByDivision(database.db, jingzhou, '421003000000');
    expect(result).toMatchObject({ total: null, totalSuppressed: true });
    expect(result.cells.filter((c) => c.suppressed)).toHaveLength(1);
  });

  it('answers a division outside the jurisdiction like a missing one', async () => {
    for (const [actor, code] of [
      [jingzhou, '420100000000'],
      [jingzhou, '421099000000'],
      [analyst(['421002000000']), '421000000000'],
      [analyst([]), '421000000000'],
    ] as const) {
      const error = await childrenByDivision(database.db, actor, code).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'not_found', status: 404, params: { entity: '行政区划', id: code } });
    }
  });

  it('has nothing to count below a village', async () => {
    await expect(childrenByDivision(database.db, jingzhou, '421002001001')).rejects.toMatchObject({
      code: 'insight.no_lower_level',
      status: 400,
    });
  });

  it('lists a closed division only while children still carry its code', async () => {
    await sql`UPDATE divisions SET valid_to = '2024-06-30' WHERE code IN ('421003000000', '421071000000')`.execute(
      database.db,
    );
    try {
      const result = await childrenByDivision(database.db, jingzhou, '421000000000');
      expect(cell(result, '421003000000')).toMatchObject({ name: '荆州区', suppressed: true });
      expect(cell(result, '421071000000')).toBeUndefined();
    } finally {
      await sql`UPDATE divisions SET valid_to = NULL WHERE code IN ('421003000000', '421071000000')`.execute(
        database.db,
      );
    }
  });

  it('groups by the children’s own codes while the divisions table is absent', async () => {
    await sql`ALTER TABLE divisions RENAME TO divisions_away`.execute(database.db);
    try {
      const result = await childrenByDivision(database.db, jingzhou, '421000000000');
      expect(result).toMatchObject({ source: 'children', within: { name: null }, total: 15 });
      expect(result.cells.map((c) => [c.code, c.count])).toEqual([
        ['421002000000', 7],
        ['421003000000', null],
        ['421022000000', null],
      ]);
    } finally {
      await sql`ALTER TABLE divisions_away RENAME TO divisions`.execute(database.db);
    }
  });
});

describe('the by-division route', () => {
  it('refuses a caller without a session', async () => {
    const response = await built.app.inject({
      method: 'GET',
      url: '/api/insight/children/by-division?within=421000000000',
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers with counts only: no child’s name, id or ID number', async () => {
    const response = await built.app.inject({
      method: 'GET',
      url: '/api/insight/children/by-division?within=421000000000',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect((JSON.parse(body) as ByDivisionResult).total).toBe(15);
    for (const name of names) expect(body).not.toContain(name);
    for (const id of childIds) expect(body).not.toContain(id);
    expect(body).not.toMatch(/42100220150601\d{4}/);
    expect(body).not.toContain('421002001001');
  });

  it('words a bad or foreign code in the caller’s language', async () => {
    const bad = await built.app.inject({
      method: 'GET',
      url: '/api/insight/children/by-division?within=4210',
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
    });
    expect(bad.json()).toMatchObject({
      error: {
        code: 'invalid_input',
        details: [{ path: 'querystring.within', message: 'Give a 12-digit division code' }],
      },
    });
    const foreign = await built.app.inject({
      method: 'GET',
      url: '/api/insight/children/by-division?within=420100000000',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({
      error: { code: 'not_found', message: '找不到该行政区划（420100000000），或您无权查看。' },
    });
  });
});
