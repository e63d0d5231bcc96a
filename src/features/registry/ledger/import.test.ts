import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { type Factories, factories } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../../test/support/session.js';
import type { Database } from '../../../platform/db/schema.js';
import { systemActor } from '../../../platform/access/actor.js';
import { runLedgerCommit } from './commit.js';
import { ids, townshipLedger } from './fixtures.test-helper.js';
import type { DryRunReport, ImportBatchView } from '../../../contract/registry/ledger.js';
import { runNextJob } from '../../../platform/jobs/worker.js';
import { loadFeatures } from '../../../server.js';

let server: TestServer;
let make: Factories;
// The people this file speaks of, made through the factories (no demo); the only children are the imported ones.
const signInAs = (url: string, name: string) => make.signInAs(url, name);
const namedChildren = (db: Kysely<Database>, name: string) => db.selectFrom('children').where('name', '=', name);
let officer: ApiSession;
beforeAll(async () => {
  server = await startTestServer({ config: { importLimitBytes: 200_000 } });
  make = factories(server.database.db);
  officer = await signInAs(server.url, 'officer.shashi');
});
afterAll(async () => server.close());

function upload(session: ApiSession, body: Buffer, fileName: string): Promise<Response> {
  return fetch(`${server.url}/api/imports?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/octet-stream' },
    body,
  });
}

const codesByRow = (report: DryRunReport) => {
  const map = new Map<number, string[]>();
  for (const p of report.problems) map.set(p.row, [...(map.get(p.row) ?? []), p.code]);
  return map;
};

describe('importing a township ledger', () => {
  let batch: ImportBatchView;

  it('detects the sheet, the header under the title rows and the merged guardian columns', async () => {
    const file = await townshipLedger();
    const response = await upload(officer, file, '岑河镇台账.xlsx');
    expect(response.status).toBe(201);
    batch = (await response.json()) as ImportBatchView;
    expect(batch).toMatchObject({ format: 'xlsx', sheet: '困境儿童台账', headerRow: 4, status: 'uploaded' });
    expect(batch.mapping).toMatchObject({
      name: 2,
      sex: 3,
      idNumber: 4,
      birthDate: 5,
      village: 6,
      category: 7,
      guardianName: 8,
      guardianRelation: 9,
      guardianPhone: 10,
      school: 11,
    });
    expect(batch.columns.find((c) => c.index === 2)?.samples[0]).toBe('张伟明');
    expect(batch.ignoredColumns).toEqual([{ index: 1, header: '序号' }]);
    expect(batch.notices.map((n) => n.code)).toContain('ledger.notice_empty_sheet');
    const again = await upload(officer, file, 'copy.xlsx');
    expect(again.status).toBe(200);
    expect(((await again.json()) as ImportBatchView).id).toBe(batch.id);
  });

  it('lists every problem with its sheet row and stable code in a dry run, writing nothing', async () => {
    const before = await server.database.db
      .selectFrom('children')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await officer.request('POST', `/api/imports/${batch.id}/dry-run`, undefined, {
      'accept-language': 'en',
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as DryRunReport;
    const byRow = codesByRow(report);
    expect(byRow.get(5)).toBeUndefined();
    expect(byRow.get(7)).toBeUndefined(); // lowercase x accepted
    expect(byRow.get(8)).toEqual(['ledger.id_check_digit']);
    expect(byRow.get(9)).toEqual(['ledger.id_stored_as_number']);
    expect(byRow.get(10)).toEqual(['ledger.name_missing']);
    expect(byRow.get(11)).toEqual(['ledger.birth_date_future']);
    expect(byRow.get(12)).toEqual(['ledger.over_age']);
    expect(byRow.get(13)).toEqual(['ledger.division_unknown']);
    expect(byRow.get(14)).toEqual(['ledger.duplicate_in_file']);
    expect(byRow.get(15)).toEqual(['ledger.birth_date_mismatch']);
    expect(byRow.get(16)).toEqual(['ledger.category_unknown']);
    expect(report.problems.find((p) => p.row === 9)).toMatchObject({
      sheet: '困境儿童台账',
      column: '身份证号码',
      severity: 'error',
    });
    expect(report.problems.find((p) => p.row === 9)?.message).toMatch(/stored as a number/);
    expect(report.counts).toMatchObject({
      rows: 12,
      ok: 4,
      problems: 8,
      warnings: 1,
      alreadyRegistered: 0,
      duplicates: 1,
    });
    const after = await server.database.db
      .selectFrom('children')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('commits the good rows as one job, with guardians, proposed categories and timeline, and a second commit creates nothing', async () => {
    const response = await officer.request('POST', `/api/imports/${batch.id}/commit`, undefined, {
      'idempotency-key': 'commit-ledger-1',
    });
    expect(response.status).toBe(202);
    while (await runNextJob(server.database.db, (await loadFeatures()).jobs)) {
      // drain
    }
    const done = (await (await officer.request('GET', `/api/imports/${batch.id}`)).json()) as ImportBatchView;
    expect(done).toMatchObject({ status: 'committed', progress: { createdChildren: 4 } });
    const db = server.database.db;
    const child = await db.selectFrom('children').selectAll().where('id_number', '=', ids.a).executeTakeFirstOrThrow();
    expect(child).toMatchObject({
      name: '张伟明',
      residence_code: '421002101201',
      birth_date: '2015-03-02',
      sex: 'male',
    });
    expect(child.pinyin_text).toContain('zwm');
    const guardian = await db
      .selectFrom('family_members')
      .selectAll()
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(guardian).toMatchObject({ name: '张国强', relation: 'father', phone: '13800000001', is_guardian: true });
    const categories = await db
      .selectFrom('child_categories')
      .select(['category', 'state'])
      .where('child_id', '=', child.id)
      .execute();
    expect(categories).toEqual([{ category: 'left_behind', state: 'proposed' }]);
    expect(
      await db.selectFrom('child_timeline').select('kind').where('child_id', '=', child.id).execute(),
    ).toHaveLength(1);
    const x = await namedChildren(db, '王小红').select('id_number').executeTakeFirstOrThrow();
    expect(x.id_number).toBe(ids.girlWithX);

    const replay = await officer.request('POST', `/api/imports/${batch.id}/commit`, undefined, {
      'idempotency-key': 'commit-ledger-2',
    });
    expect(replay.status).toBe(202);
    expect(await runNextJob(db, (await loadFeatures()).jobs)).toBe(false);
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'ledger.commit_batch')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a changed file with the same children creates nothing new', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await townshipLedger()).buffer);
    workbook.getWorksheet('困境儿童台账')!.addRow([99, '新来的', '男', '', '2019-09-09', '沙口村']);
    const response = await upload(officer, Buffer.from(await workbook.xlsx.writeBuffer()), 'v2.xlsx');
    const second = (await response.json()) as ImportBatchView;
    expect(second.id).not.toBe(batch.id);
    const report = (await (await officer.request('POST', `/api/imports/${second.id}/dry-run`)).json()) as DryRunReport;
    expect(report.counts).toMatchObject({ alreadyRegistered: 3, ok: 1 });
    expect(codesByRow(report).get(16)).toContain('ledger.likely_duplicate');
  });

  it('gives back the problem rows as a workbook with a problem column, formulas escaped', async () => {
    const response = await officer.request('GET', `/api/imports/${batch.id}/errors.xlsx`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('问题');
    expect(sheet.rowCount).toBeGreaterThanOrEqual(9);
  });
});

describe('bad files', () => {
  it('refuses a file over the limit with 413 and the limit in the message', async () => {
    const response = await upload(officer, Buffer.alloc(300_000, 0x41), 'big.csv');
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('ledger.too_large');
  });

  it('refuses an .xlsx that is really something else, and an empty sheet', async () => {
    const fake = await upload(officer, Buffer.from('%PDF-1.4 not a ledger\u0000\u0001'), 'ledger.xlsx');
    expect(fake.status).toBe(400);
    expect((await errorOf(fake)).code).toBe('ledger.not_a_ledger');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const empty = await upload(officer, Buffer.from(await workbook.xlsx.writeBuffer()), 'empty.xlsx');
    expect((await errorOf(empty)).code).toBe('ledger.empty_sheet');
    const imports = await server.database.db
      .selectFrom('ledger_imports')
      .select('file_name')
      .where('file_name', 'in', ['ledger.xlsx', 'empty.xlsx'])
      .execute();
    expect(imports).toHaveLength(0);
  });

  it('reads a GBK CSV and reports two header rows for the user to confirm', async () => {
    const text = `姓名,性别,身份证号码,所在村\r\nname,sex,id number,village\r\n刘一,男,${ids.c},陈龙村\r\n`;
    const response = await upload(officer, toGb18030(text), 'gbk.csv');
    const batch = (await response.json()) as ImportBatchView;
    expect(batch).toMatchObject({ format: 'csv', encoding: 'gb18030', headerRow: 1 });
    expect(batch.notices.map((n) => n.code)).toContain('ledger.notice_two_headers');
    const change = { sheet: 'gbk', headerRow: 2, mapping: { name: 1, sex: 2, idNumber: 3, village: 4 } };
    const stale = await officer.request('PUT', `/api/imports/${batch.id}/mapping`, {
      ...change,
      version: batch.version + 5,
    });
    expect(stale.status).toBe(409);
    const fixed = await officer.request('PUT', `/api/imports/${batch.id}/mapping`, {
      ...change,
      version: batch.version,
    });
    expect(fixed.status).toBe(200);
    expect((await fixed.json()) as ImportBatchView).toMatchObject({
      headerRow: 2,
      version: batch.version + 1,
      progress: { rowsTotal: 1 },
    });
    const report = (await (await officer.request('POST', `/api/imports/${batch.id}/dry-run`)).json()) as DryRunReport;
    expect(report.counts).toMatchObject({ rows: 1, ok: 1 });
    const listed = (await (await officer.request('GET', '/api/imports')).json()) as ImportBatchView[];
    expect(listed.map((b) => b.id)).toContain(batch.id);
  });

  it('cannot be read by an officer of another organisation', async () => {
    const own = await server.database.db.selectFrom('ledger_imports').select('id').executeTakeFirstOrThrow();
    const other = await signInAs(server.url, 'officer.gongan');
    expect((await other.request('GET', `/api/imports/${own.id}`)).status).toBe(404);
    const director = await signInAs(server.url, 'director.chenlong');
    expect((await director.request('GET', `/api/imports/${own.id}`)).status).toBe(403);
  });
});

describe('division codes and columns the mapping does not use', () => {
  it('imports the hukou code column, refuses an unknown or malformed code by row and column, and lists every unused column as ignored', async () => {
    const db = server.database.db;
    const outside = await db
      .selectFrom('divisions')
      .select('code')
      .where('level', '=', 'village')
      .where('code', 'not like', '421002%')
      .where('valid_to', 'is', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const header = [
      '序号',
      '姓名',
      '性别',
      '出生日期',
      '所在村',
      '户籍所在地（村/社区代码）',
      '村（社区）编码',
      '备注',
    ];
    const rows = [
      [1, '代码甲', '男', '2016-02-01', '陈龙村', '421002101201', '', '外出务工'],
      [2, '代码乙', '女', '2016-02-02', '陈龙村', outside.code, '', ''],
      [3, '代码丙', '男', '2016-02-03', '陈龙村', '421002999999', '', ''],
      [4, '代码丁', '女', '2016-02-04', '陈龙村', '4210', '', ''],
      [5, '代码戊', '男', '2016-02-05', '', '', '421002101201', ''],
      [6, '代码己', '女', '2016-02-06', '', '', outside.code, ''],
    ];
    const csv = [header, ...rows].map((r) => r.join(',')).join('\r\n');
    const response = await upload(officer, Buffer.from(csv), 'codes.csv');
    expect(response.status).toBe(201);
    const batch = (await response.json()) as ImportBatchView;
    expect(batch.mapping).toMatchObject({ name: 2, village: 5, hukouCode: 6, residenceCode: 7 });
    expect(batch.ignoredColumns).toEqual([
      { index: 1, header: '序号' },
      { index: 8, header: '备注' },
    ]);

    const report = (await (
      await officer.request('POST', `/api/imports/${batch.id}/dry-run`, undefined, { 'accept-language': 'en' })
    ).json()) as DryRunReport;
    expect(report.ignoredColumns.map((c) => c.header)).toEqual(['序号', '备注']);
    expect(report.problems.map((p) => ({ row: p.row, column: p.column, code: p.code }))).toEqual([
      { row: 4, column: '户籍所在地（村/社区代码）', code: 'ledger.division_code_unknown' },
      { row: 5, column: '户籍所在地（村/社区代码）', code: 'ledger.division_code_invalid' },
      { row: 7, column: '村（社区）编码', code: 'ledger.division_unknown' },
    ]);
    expect(report.problems[0]?.message).toMatch(/"421002999999" is not a current administrative division/);
    expect(report.counts).toMatchObject({ rows: 6, ok: 3, problems: 3 });

    // Unmapping a column makes it ignored in the mapping and the dry run too.
    const { hukouCode: _dropped, ...withoutHukou } = batch.mapping;
    const remapped = (await (
      await officer.request('PUT', `/api/imports/${batch.id}/mapping`, {
        version: batch.version,
        sheet: batch.sheet,
        headerRow: 1,
        mapping: withoutHukou,
      })
    ).json()) as ImportBatchView;
    expect(remapped.ignoredColumns.map((c) => c.index)).toEqual([1, 6, 8]);
    const back = (await (
      await officer.request('PUT', `/api/imports/${batch.id}/mapping`, {
        version: remapped.version,
        sheet: batch.sheet,
        headerRow: 1,
        mapping: batch.mapping,
      })
    ).json()) as ImportBatchView;

    await runLedgerCommit(db, systemActor('test'), back.id);
    const made = await db
      .selectFrom('children')
      .select(['name', 'hukou_code', 'residence_code'])
      .where('name', 'like', '代码%')
      .orderBy('name')
      .execute();
    expect(made).toEqual(
      expect.arrayContaining([
        { name: '代码甲', hukou_code: '421002101201', residence_code: '421002101201' },
        { name: '代码乙', hukou_code: outside.code, residence_code: '421002101201' },
        { name: '代码戊', hukou_code: null, residence_code: '421002101201' },
      ]),
    );
    expect(made).toHaveLength(3);
  });
});

describe('an interrupted commit', () => {
  it('resumes after the last committed batch', async () => {
    const db = server.database.db;
    await db
      .insertInto('rule_sets')
      .values({
        scope_code: '000000000000',
        version: 99,
        valid_from: '2000-01-01',
        rules: JSON.stringify({ 'ledger.import': { batchSize: 50 } }),
      })
      .execute();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['姓名', '性别', '出生日期', '所在村']);
    for (let i = 0; i < 120; i += 1)
      sheet.addRow([
        `测试${String(i).padStart(3, '0')}`,
        i % 2 ? '男' : '女',
        `2014-01-${String((i % 28) + 1).padStart(2, '0')}`,
        '沙口村',
      ]);
    const batch = (await (
      await upload(officer, Buffer.from(await workbook.xlsx.writeBuffer()), 'long.xlsx')
    ).json()) as ImportBatchView;
    const actor = systemActor('test');
    let batches = 0;
    await expect(
      runLedgerCommit(db, actor, batch.id, () => {
        batches += 1;
        if (batches === 1) throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    const midway = await db
      .selectFrom('ledger_imports')
      .select(['rows_done', 'created_children', 'status'])
      .where('id', '=', batch.id)
      .executeTakeFirstOrThrow();
    expect(midway).toMatchObject({ rows_done: 51, created_children: 50, status: 'committing' });
    const finished = await runLedgerCommit(db, actor, batch.id);
    expect(finished).toMatchObject({ status: 'committed', progress: { createdChildren: 120 } });
    const made = await db.selectFrom('children').select('id').where('name', 'like', '测试%').execute();
    expect(made).toHaveLength(120);
    await db.deleteFrom('rule_sets').where('version', '=', 99).execute();
  });
});

describe('batches committed two at a time', () => {
  it('a later batch still refuses a row that repeats an earlier batch, finds its near duplicates, and keeps the file order in the codes', async () => {
    const db = server.database.db;
    await db
      .insertInto('rule_sets')
      .values({
        scope_code: '000000000000',
        version: 98,
        valid_from: '2000-01-01',
        rules: JSON.stringify({ 'ledger.import': { batchSize: 50 } }),
      })
      .execute();
    const name = (i: number) => `并发${String(i).padStart(3, '0')}`;
    const born = (i: number) => `2013-03-${String((i % 27) + 1).padStart(2, '0')}`;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['姓名', '性别', '出生日期', '所在村']);
    // Sheet row i + 2. Batch 1 is rows 2–51, batch 2 rows 52–101, batch 3 rows 102–151.
    for (let i = 0; i < 150; i += 1) {
      // Row 62 (batch 2) is row 12's child again; row 112 (batch 3) is row 72's child a day later.
      const [n, b] = i === 60 ? [name(10), born(10)] : i === 110 ? [name(70), '2013-03-18'] : [name(i), born(i)];
      sheet.addRow([n, i % 2 ? '男' : '女', b, '沙口村']);
    }
    expect(born(70)).toBe('2013-03-17');
    const batch = (await (
      await upload(officer, Buffer.from(await workbook.xlsx.writeBuffer()), 'concurrent.xlsx')
    ).json()) as ImportBatchView;
    const problems = new Map<number, { code: string; params: Record<string, unknown> }[]>();
    const marks: number[] = [];
    const done = await runLedgerCommit(db, systemActor('test'), batch.id, (p) => void marks.push(p.rowsDone), {
      onClassified: (rows) => {
        for (const row of rows) if (row.problems.length > 0) problems.set(row.row, row.problems);
      },
    });
    await db.deleteFrom('rule_sets').where('version', '=', 98).execute();
    expect(marks).toEqual([51, 101, 151]);
    expect(done).toMatchObject({ status: 'committed', progress: { rowsDone: 151, createdChildren: 149 } });
    const made = await db
      .selectFrom('children')
      .select(['id', 'name', 'birth_date', 'haven_code'])
      .where('name', 'like', '并发%')
      .orderBy('haven_code')
      .execute();
    const first = made.find((c) => c.name === name(10))!;
    expect(problems.get(62)).toEqual([
      expect.objectContaining({
        code: 'ledger.likely_duplicate',
        params: expect.objectContaining({ havenCode: first.haven_code }),
      }),
    ]);
    expect(made.filter((c) => c.name === name(10))).toHaveLength(1);
    // The codes follow the rows of the file, across batches written at the same time.
    expect(made.map((c) => c.name)).toEqual(
      Array.from({ length: 150 }, (_, i) => (i === 60 ? null : i === 110 ? name(70) : name(i))).filter(
        (n) => n !== null,
      ),
    );
    const [earlier, later] = made.filter((c) => c.name === name(70));
    const pair = await db
      .selectFrom('duplicate_candidates')
      .select('state')
      .where((eb) =>
        eb.or([
          eb.and([eb('child_a', '=', earlier!.id), eb('child_b', '=', later!.id)]),
          eb.and([eb('child_a', '=', later!.id), eb('child_b', '=', earlier!.id)]),
        ]),
      )
      .execute();
    expect(pair).toEqual([{ state: 'open' }]);
  });
});

/** Node has no GB18030 encoder; glibc's iconv (on every Debian machine) is one. */
function toGb18030(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
}
