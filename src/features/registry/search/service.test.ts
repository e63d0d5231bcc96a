import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { childListQuerySchema } from '../../../contract/registry/search.js';
import { searchChildren } from './service.js';
import { addChild, officer, places } from './test-fixtures.js';

let database: TestDatabase;
const shashi = officer(['421002000000']);
const gongan = officer(['421022000000']);
const now = new Date('2026-06-01T04:00:00Z');

async function find(query: Record<string, string | number>, actor = shashi) {
  return searchChildren(database.db, actor, childListQuerySchema.parse(query), now);
}
const names = async (query: Record<string, string | number>, actor = shashi) =>
  (await find(query, actor)).items.map((item) => item.name);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await addChild(db, { name: '张伟', birthDate: '2014-01-10', categories: ['left_behind'], riskGrade: 'high' });
  await addChild(db, {
    name: '张伟明',
    birthDate: '2015-03-02',
    idNumber: '421002201503020011',
    guardians: [{ name: '王秀英', phone: '13971601234' }],
  });
  await addChild(db, { name: '李张华', birthDate: '2019-06-01', residence: places.shakou });
  await addChild(db, { name: '赵小明', formerNames: ['赵伟强'], birthDate: '2012-06-02' });
  await addChild(db, { name: '张伟立', birthDate: '2008-05-30', status: 'aged_out' });
  await addChild(db, { name: '张伟国', status: 'merged' });
  await addChild(db, { name: '张伟芳', residence: places.nongli });
  const removed = await addChild(db, { name: '钱多多', guardians: [{ name: '孙丽', phone: '13800009999' }] });
  await db.updateTable('family_members').set({ removed_at: new Date() }).where('child_id', '=', removed).execute();
});
afterAll(async () => database.drop());

describe('finding a child by name', () => {
  it('ranks the exact name, then names starting with it, then names containing it', async () => {
    expect(await names({ q: '张伟' })).toEqual(['张伟', '张伟明']);
    expect(await names({ q: '张' })).toEqual(['张伟', '张伟明', '李张华']);
    expect(await names({ q: '伟明' })).toEqual(['张伟明']);
  });

  it('finds former names, and says what matched', async () => {
    const page = await find({ q: '伟强' });
    expect(page.items.map((item) => [item.name, item.matchedOn])).toEqual([['赵小明', 'name']]);
  });

  it('by full pinyin, initials and surname + initials, exact key first', async () => {
    expect(await names({ q: 'zhangwm' })).toEqual(['张伟明']);
    expect(await names({ q: 'zwm' })).toEqual(['张伟明']);
    expect(await names({ q: 'weiming' })).toEqual(['张伟明']);
    // 赵小明 was 赵伟强 (zwq): former names are searched too.
    expect(await names({ q: 'zw' })).toEqual(['张伟', '张伟明', '赵小明']);
    expect((await find({ q: 'zw' })).items[0]!.matchedOn).toBe('pinyin');
  });

  it('by ID fragment, guardian phone fragment and guardian name; masked', async () => {
    const byId = await find({ q: '0302' });
    expect(byId.items).toHaveLength(1);
    expect(byId.items[0]).toMatchObject({
      name: '张伟明',
      matchedOn: 'id',
      idNumber: '4210**********0011',
      hasIdNumber: true,
    });
    expect((await find({ q: '1601234' })).items.map((item) => [item.name, item.matchedOn])).toEqual([
      ['张伟明', 'guardian'],
    ]);
    expect((await find({ q: '王秀英' })).items.map((item) => [item.name, item.matchedOn])).toEqual([
      ['张伟明', 'guardian'],
    ]);
  });

  it('not by a removed family member', async () => {
    expect(await names({ q: '孙丽' })).toEqual([]);
    expect(await names({ q: '13800009999' })).toEqual([]);
  });

  it('refuses fewer than four digits with a message naming the query', async () => {
    await expect(find({ q: '123' })).rejects.toMatchObject({
      code: 'registry.search.digits_too_short',
      status: 400,
      params: { query: '123' },
    });
  });
});

describe('filters and scope', () => {
  it('never shows a child outside the scope, whatever the query', async () => {
    expect(await names({ q: '张伟' }, gongan)).toEqual(['张伟芳']);
    expect(await names({ q: '张伟芳' }, gongan)).toEqual(['张伟芳']);
    expect(await names({ q: '张伟芳' })).toEqual([]);
    expect(await names({ q: '0302' }, gongan)).toEqual([]);
  });

  it('shows active files by default, other statuses on request, merged files never', async () => {
    expect(await names({ q: '张伟立' })).toEqual([]);
    expect(await names({ q: '张伟立', status: 'aged_out' })).toEqual(['张伟立']);
    expect(await names({ q: '张伟', status: 'all' })).toEqual(['张伟', '张伟明', '张伟立']);
  });

  it('by category, risk grade, place and age band (ages as of today in China)', async () => {
    expect(await names({ category: 'left_behind' })).toEqual(['张伟']);
    expect(await names({ riskGrade: 'high' })).toEqual(['张伟']);
    expect(await names({ within: '421002101204' })).toEqual(['李张华']);
    expect(await names({ ageMin: 11, ageMax: 12 })).toEqual(['张伟', '张伟明', '钱多多']);
    expect(await names({ ageMax: 7 })).toEqual(['李张华']);
  });

  it('presents age, place names, confirmed categories', async () => {
    const [item] = (await find({ q: '张伟' })).items;
    expect(item).toMatchObject({
      age: 12,
      residenceName: '岑河镇陈龙村',
      categories: ['left_behind'],
      riskGrade: 'high',
      status: 'active',
      idNumber: null,
      hasIdNumber: false,
    });
    expect(item!.havenCode).toMatch(/^HV\d{10}$/);
  });
});

describe('counting large result sets', () => {
  it('stops counting above 10,000 and says so', async () => {
    await sql`
      INSERT INTO children (name, birth_date, residence_code, hukou_code, name_grams, pinyin_text)
      SELECT '王' || i, '2016-01-01', '421002101204', '421002101204', ARRAY['王'], 'wang' FROM generate_series(1, 10005) AS i`.execute(
      database.db,
    );
    const page = await find({ within: places.shakou, pageSize: 5 });
    expect(page).toMatchObject({ total: 10_000, totalCapped: true });
    expect(page.items).toHaveLength(5);
    expect(await find({ q: '李张华' })).toMatchObject({ total: 1, totalCapped: false });
  });
});
