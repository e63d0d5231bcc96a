import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories, places } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import type { ApiSession } from '../../../../test/support/session.js';
import { childSearchKeys } from '../search-keys.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo).
const signInAs = (url: string, name: string) => make.signInAs(url, name);
let officer: ApiSession;
beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // Children in 沙市区 (the officer's) and one in 公安县 (not hers).
  for (const residenceCode of [places.chenlong, places.chenlong, places.shakou, places.nongli])
    await make.child({ residenceCode });
  officer = await signInAs(server.url, 'officer.shashi');
  const keys = childSearchKeys('公式测试');
  await server.database.db
    .insertInto('children')
    .values({
      name: '=HYPERLINK("http://x","点我")',
      sex: 'male',
      birth_date: '2016-01-01',
      residence_code: '421002101201',
      address: '+8613800000000',
      name_grams: keys.nameGrams,
      pinyin_text: keys.pinyinText,
    })
    .execute();
});
afterAll(async () => server.close());

async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook.worksheets[0]!;
}

describe('exporting the registry list', () => {
  it('gives the list in scope as .xlsx, masked, formulas escaped, and audits it', async () => {
    const list = (await (await officer.request('GET', '/api/children?pageSize=100')).json()) as { total: number };
    const response = await officer.request('GET', '/api/children/export.xlsx');
    expect(response.status).toBe(200);
    const sheet = await sheetOf(response);
    expect(sheet.rowCount - 1).toBe(list.total);
    const ids = sheet.getColumn(5).values.slice(2).filter(Boolean).map(String);
    expect(ids.every((id) => id.includes('*'))).toBe(true);
    const names = sheet.getColumn(2).values.map(String);
    expect(names).toContain(`'=HYPERLINK("http://x","点我")`);
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', 'like', 'children.export%')
      .execute();
    expect(audit).toEqual([
      { action: 'children.export', details: expect.objectContaining({ rows: list.total, unmasked: false }) },
    ]);
  });

  it('shows full ID numbers only to a role that may unmask, when asked', async () => {
    const sheet = await sheetOf(await officer.request('GET', '/api/children/export.xlsx?unmask=true'));
    expect(sheet.getColumn(5).values.map(String)).toContainEqual(expect.stringMatching(/^421002\d{11}[\dX]$/));
    const supervisor = await signInAs(server.url, 'supervisor.cenhe');
    const masked = await sheetOf(await supervisor.request('GET', '/api/children/export.xlsx?unmask=true'));
    expect(
      masked
        .getColumn(5)
        .values.slice(2)
        .filter(Boolean)
        .every((id) => String(id).includes('*')),
    ).toBe(true);
    const director = await signInAs(server.url, 'director.chenlong');
    expect((await director.request('GET', '/api/children/export.xlsx')).status).toBe(403);
  });
});

describe("the child's file as PDF", () => {
  it('is a PDF with the Chinese font embedded, audited as a read, and 404 outside the scope', async () => {
    const child = await server.database.db
      .selectFrom('children')
      .select('id')
      .where('residence_code', 'like', '421002%')
      .executeTakeFirstOrThrow();
    const response = await officer.request('GET', `/api/children/${child.id}/file.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes('NotoSansSC')).toBe(true);
    expect(pdf.includes('/FontFile2')).toBe(true);
    const reads = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('child_id', '=', child.id)
      .execute();
    expect(reads.map((r) => r.action)).toContain('children.read');
    const other = await signInAs(server.url, 'officer.gongan');
    expect((await other.request('GET', `/api/children/${child.id}/file.pdf`)).status).toBe(404);
  });
});
