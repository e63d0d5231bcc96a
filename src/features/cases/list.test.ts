import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ApiSession } from '../../../test/support/session.js';
import { childSearchKeys } from '../registry/search-keys.js';

/*
 * The case list filters in the database: q (case number, child name, pinyin, Haven code), the
 * child's risk grade and overdue, with totals over every page, and always inside the scope.
 */

let server: TestServer;
let officer: ApiSession;
let gongan: ApiSession;
const { chenlong, nongli } = places;
const grades = ['high', 'low', 'medium_high'] as const;
const mine: Array<{ id: string; caseNo: string; childName: string; grade: string; overdue: boolean }> = [];
let outside: { caseNo: string; childName: string };

interface Page {
  total: number;
  items: Array<{ id: string; caseNo: string; childName: string; riskGrade: string | null; overdueClocks: number }>;
}

async function openCase(
  session: ApiSession,
  name: string,
  residence: string,
  grade: string,
): Promise<{ id: string; caseNo: string }> {
  const keys = childSearchKeys(name);
  const child = await server.database.db
    .insertInto('children')
    .values({
      name,
      sex: 'male',
      birth_date: '2015-05-05',
      residence_code: residence,
      hukou_code: residence,
      risk_grade: grade as 'high',
      name_grams: keys.nameGrams,
      pinyin_text: keys.pinyinText,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const response = await session.request('POST', '/api/cases', { childId: child.id });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { id: string; caseNo: string };
  return { id: body.id, caseNo: body.caseNo };
}

beforeAll(async () => {
  // Two county officers made by the factories (no demo): 沙市区's, and 公安县's for the case outside.
  server = await startTestServer();
  const make = factories(server.database.db);
  officer = await make.signInAs(server.url, 'officer.shashi');
  gongan = await make.signInAs(server.url, 'officer.gongan');
  // 25 cases of children called 筛查…: a third of each grade, every fifth with a running clock past due.
  for (let i = 0; i < 25; i += 1) {
    const childName = `筛查${String.fromCharCode(0x4e00 + i)}`;
    const grade = grades[i % 3]!;
    const kase = await openCase(officer, childName, chenlong, grade);
    const overdue = i % 5 === 0;
    if (overdue)
      await server.database.db
        .updateTable('clocks')
        .set({ due_at: new Date(Date.now() - 3_600_000) })
        .where('case_id', '=', kase.id)
        .where('state', '=', 'running')
        .execute();
    mine.push({ ...kase, childName, grade, overdue });
  }
  const gonganCase = await openCase(gongan, '筛查外县', nongli, 'high');
  outside = { caseNo: gonganCase.caseNo, childName: '筛查外县' };
  const running = await server.database.db
    .selectFrom('clocks')
    .select('id')
    .where('case_id', '=', mine[1]!.id)
    .where('state', '=', 'running')
    .execute();
  expect(running.length).toBeGreaterThan(0);
}, 180_000);
afterAll(async () => server.close());

/** Every page of a filtered list: the items of all pages must add up to the total. */
async function allPages(
  session: ApiSession,
  filters: Record<string, string>,
  pageSize = 7,
): Promise<{ total: number; items: Page['items'] }> {
  const items: Page['items'] = [];
  let total = -1;
  for (let page = 1; ; page += 1) {
    const response = await session.request(
      'GET',
      `/api/cases?${new URLSearchParams({ ...filters, page: String(page), pageSize: String(pageSize) })}`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Page;
    if (total === -1) total = body.total;
    expect(body.total).toBe(total);
    items.push(...body.items);
    if (body.items.length < pageSize) break;
  }
  expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  expect(items.length).toBe(total);
  return { total, items };
}

describe('the case list filters in the database, with totals over every page', () => {
  it('q by the child name finds all 25, over four pages', async () => {
    const { total, items } = await allPages(officer, { q: '筛查' });
    expect(total).toBe(25);
    expect(new Set(items.map((item) => item.id))).toEqual(new Set(mine.map((m) => m.id)));
  });

  it('q by pinyin, by case number and by a part of the case number', async () => {
    const byPinyin = await allPages(officer, { q: 'shaicha' });
    expect(byPinyin.total).toBe(25);
    const one = mine[7]!;
    expect((await allPages(officer, { q: one.caseNo })).items.map((item) => item.id)).toEqual([one.id]);
    expect((await allPages(officer, { q: one.caseNo.slice(-6) })).items.map((item) => item.id)).toEqual([one.id]);
  });

  it('risk grade: only that grade, every page counted', async () => {
    for (const grade of grades) {
      const { total, items } = await allPages(officer, { q: '筛查', riskGrade: grade });
      expect(total).toBe(mine.filter((m) => m.grade === grade).length);
      expect(items.every((item) => item.riskGrade === grade)).toBe(true);
    }
    const all = await allPages(officer, { riskGrade: 'high' });
    expect(all.items.every((item) => item.riskGrade === 'high')).toBe(true);
  });

  it('overdue: only cases with a running clock past due (and false: only those without)', async () => {
    const late = await allPages(officer, { q: '筛查', overdue: 'true' }, 2);
    expect(new Set(late.items.map((item) => item.id))).toEqual(new Set(mine.filter((m) => m.overdue).map((m) => m.id)));
    expect(late.items.every((item) => item.overdueClocks > 0)).toBe(true);
    const onTime = await allPages(officer, { q: '筛查', overdue: 'false' });
    expect(onTime.total).toBe(25 - late.total);
    expect(onTime.items.every((item) => item.overdueClocks === 0)).toBe(true);
    const combined = await allPages(officer, { q: '筛查', overdue: 'true', riskGrade: 'high' });
    expect(combined.total).toBe(mine.filter((m) => m.overdue && m.grade === 'high').length);
  });

  it('no filter reveals a case outside the scope: not by name, case number, grade or overdue', async () => {
    const probes: Array<Record<string, string>> = [
      { q: outside.childName },
      { q: outside.caseNo },
      { q: '筛查', riskGrade: 'high' },
      { q: 'shaicha', overdue: 'false' },
    ];
    for (const filters of probes) {
      const { items } = await allPages(officer, filters);
      expect(items.map((item) => item.childName)).not.toContain(outside.childName);
    }
    expect((await allPages(officer, { q: outside.caseNo })).total).toBe(0);
    // …which the county that holds it does see.
    expect((await allPages(gongan, { q: outside.caseNo })).total).toBe(1);
    expect((await allPages(gongan, { q: '筛查' })).total).toBe(1);
  });
});
