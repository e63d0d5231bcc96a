import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { childListQuerySchema } from '../../../contract/registry/search.js';
import { searchChildren } from './service.js';
import { addChild, officer } from './test-fixtures.js';

/* Relevance is read tier by tier (tiers.ts, ranked-page.ts): the order and the count across tiers. */

let database: TestDatabase;
const shashi = officer(['421002000000']);
const now = new Date('2026-06-01T04:00:00Z');

async function find(query: Record<string, string | number>, actor = shashi) {
  return searchChildren(database.db, actor, childListQuerySchema.parse(query), now);
}
const listed = async (query: Record<string, string | number>, actor = shashi) =>
  (await find(query, actor)).items.map((item) => [item.name, item.matchedOn]);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  // Inserted out of order, so the order seen is the ranking's and not the table's.
  await addChild(db, { name: '王晓明', guardians: [{ name: '张伟' }] });
  await addChild(db, { name: '欧阳张伟', idNumber: '421002201001010002' });
  await addChild(db, { name: '李张伟' });
  await addChild(db, { name: '张伟明', idNumber: '421002201001012345' });
  await addChild(db, { name: '赵小红', formerNames: ['赵张伟'] });
  await addChild(db, { name: '张伟', idNumber: '421002201001010001' });
  await addChild(db, { name: '刘洋', guardians: [{ name: '张伟华', phone: '13800001234' }] });
  await addChild(db, {
    name: '陈一',
    idNumber: '421002200912300001',
    guardians: [{ name: '陈大', phone: '13920100101' }],
  });
  await addChild(db, { name: '吴子豪' });
  await addChild(db, { name: '钱豪' });
  await addChild(db, { name: '豪杰' });
});
afterAll(async () => database.drop());

describe('relevance across tiers', () => {
  it('a name: exact, then starting with it, then inside it (given name, then further in), former names, guardians by name', async () => {
    expect(await listed({ q: '张伟' })).toEqual([
      ['张伟', 'name'],
      ['张伟明', 'name'],
      ['李张伟', 'name'],
      ['欧阳张伟', 'name'],
      ['赵小红', 'name'],
      ['王晓明', 'guardian'],
      ['刘洋', 'guardian'],
    ]);
    expect((await find({ q: '张伟' })).total).toBe(7);
  });

  it('one character: names starting with it, then with it anywhere further in', async () => {
    expect((await listed({ q: '豪' })).map(([name]) => name)).toEqual(['豪杰', '吴子豪', '钱豪']);
  });

  it('pinyin: a whole key, then the start of a key, then inside a key', async () => {
    expect(await listed({ q: 'zhangwei' })).toEqual([
      ['张伟', 'pinyin'],
      ['张伟明', 'pinyin'],
      ['李张伟', 'pinyin'],
      ['欧阳张伟', 'pinyin'],
      // 赵张伟 was her name: zhaozhangwei.
      ['赵小红', 'pinyin'],
    ]);
  });

  it('digits: the whole ID number, its start, inside it, then a guardian phone', async () => {
    expect(await listed({ q: '421002201001010001' })).toEqual([['张伟', 'id']]);
    expect(await listed({ q: '4210022010' })).toEqual([
      ['张伟', 'id'],
      ['张伟明', 'id'],
      ['欧阳张伟', 'id'],
    ]);
    expect(await listed({ q: '0101' })).toEqual([
      ['张伟', 'id'],
      ['张伟明', 'id'],
      ['欧阳张伟', 'id'],
      ['陈一', 'guardian'],
    ]);
  });

  it('pages through the tiers without losing or repeating a child', async () => {
    const all = await listed({ q: '张伟', pageSize: 100 });
    const pages = [];
    for (let page = 1; page <= 4; page += 1) pages.push(...(await listed({ q: '张伟', pageSize: 2, page })));
    expect(pages).toEqual(all);
    expect(await find({ q: '张伟', pageSize: 2, page: 3 })).toMatchObject({ total: 7, totalCapped: false });
    expect((await find({ q: '张伟', pageSize: 2, page: 9 })).items).toEqual([]);
    expect((await find({ q: '张伟', pageSize: 2, page: 9 })).total).toBe(7);
  });

  it('the same for a township read whole, with a child of its cases elsewhere', async () => {
    const db = database.db;
    const organisationId = (
      await db
        .insertInto('organisations')
        .values({ name: '岑河镇人民政府', kind: 'township_government', division_code: '421002101000' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const elsewhere = await addChild(db, { name: '张伟强', residence: '421022100201' });
    await db
      .insertInto('child_participations')
      .values({ child_id: elsewhere, organisation_id: organisationId, basis: 'case', basis_id: 'test' })
      .execute();
    const township = { ...officer(['421002101000']), organisationId };
    const county = await listed({ q: '张伟' });
    expect(await listed({ q: '张伟' }, township)).toEqual([county[0], ['张伟强', 'name'], ...county.slice(1)]);
    expect(await listed({ q: '0101' }, township)).toEqual(await listed({ q: '0101' }));
    expect((await find({ q: '张伟', pageSize: 3, page: 2 }, township)).items.map((item) => item.name)).toEqual([
      '李张伟',
      '欧阳张伟',
      '赵小红',
    ]);
    await db.deleteFrom('child_participations').where('child_id', '=', elsewhere).execute();
    expect(await listed({ q: '张伟' }, township)).toEqual(county);
  });

  it('another order keeps the same matches and what each matched on', async () => {
    const byName = await listed({ q: '张伟', sort: 'name' });
    expect([...byName].sort()).toEqual([...(await listed({ q: '张伟' }))].sort());
    expect(byName.map(([name]) => name)).toEqual([...byName.map(([name]) => name as string)].sort());
  });
});

describe('beyond the count cap', () => {
  beforeAll(async () => {
    await sql`
      INSERT INTO children (name, birth_date, residence_code, hukou_code, name_grams, pinyin_text)
      SELECT '孙' || i, '2016-01-01', '421002101204', '421002101204', ARRAY['孙'], 'sun' FROM generate_series(1, 10005) AS i`.execute(
      database.db,
    );
    await addChild(database.db, { name: '孙' });
    await addChild(database.db, { name: '钱孙' });
  });

  it('says 10,000+ and still pages in rank order, to the last tier', async () => {
    const first = await find({ q: '孙', pageSize: 3 });
    expect(first).toMatchObject({ total: 10_000, totalCapped: true });
    expect(first.items.map((item) => item.name)).toEqual(['孙', '孙1', '孙10']);
    // 1 exact, 10,005 starting with 孙, 1 with it inside: the last page holds the end of one tier and the next.
    const last = await find({ q: '孙', pageSize: 20, page: 501 });
    expect(last.items.map((item) => item.name)).toEqual([
      '孙9994',
      '孙9995',
      '孙9996',
      '孙9997',
      '孙9998',
      '孙9999',
      '钱孙',
    ]);
    expect(last).toMatchObject({ total: 10_000, totalCapped: true });
  });
});
