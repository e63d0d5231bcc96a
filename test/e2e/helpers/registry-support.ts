import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadFeatures } from '../../../src/server.js';
import { composeIdNumber } from '../../../src/features/registry/id-number.js';
import { startJobRunner, type JobRunner } from '../../../src/platform/jobs/worker.js';
import { launchBrowser } from '../../support/browser.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import type { Suite } from '../access-support.js';

/**
 * Like access-support's useSuite, plus the job runner `npm start` has: a ledger commit is a
 * background job, and the plain test server runs none.
 */
export function useRegistrySuite(): Suite {
  const suite = {} as Suite;
  let server: TestServer | undefined;
  let runner: JobRunner | undefined;
  let webDir: string | undefined;
  beforeAll(async () => {
    if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build:web` first');
    // A copy of the built app: other work rebuilding dist/web meanwhile must not pull chunks away mid-test.
    webDir = mkdtempSync(path.join(tmpdir(), 'haven-registry-web-'));
    cpSync('dist/web', webDir, { recursive: true });
    [server, suite.browser] = await Promise.all([startTestServer({ demo: true, config: { webDir } }), launchBrowser()]);
    suite.server = server;
    runner = startJobRunner(server.database.db, (await loadFeatures()).jobs, { pollMs: 200 });
  }, 300_000);
  afterAll(async () => {
    await runner?.stop();
    await suite.browser?.close();
    await server?.close();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });
  return suite;
}

// The township ledger the county officer imports in registry.test.ts: two title rows above the
// header, dates written four ways, a birthday column whose header Haven does not recognise (the
// officer maps it by hand), and rows with the mistakes townships make.

const division = '421002';
/** Sex digit: odd for boys, even for girls (GB 11643 position 17). */
const id = (birth: string, sex: 'male' | 'female', n: number) =>
  composeIdNumber(division, birth, n * 2 + (sex === 'male' ? 1 : 0));
const brokenCheckDigit = (value: string) => `${value.slice(0, 17)}${value.endsWith('0') ? '1' : '0'}`;

export const ledgerGoodRows = ['赵子涵', '钱浩宇', '孙雨桐', '周梓萱'];

export async function buildLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('困境儿童');
  sheet.addRow(['荆州市沙市区岑河镇困境儿童信息台账（2026 年 11 月）']);
  sheet.mergeCells('A1:L1');
  sheet.addRow(['填报单位：岑河镇民政办', '', '', '', '', '', '', '', '填报日期：2026年11月20日']);
  sheet.addRow([
    '序号',
    '姓名',
    '性别',
    '身份证号码',
    '生日（公历）',
    '所在乡镇',
    '所在村',
    '现居住地址',
    '困境类型',
    '监护人姓名',
    '与儿童关系',
    '联系电话',
  ]);
  const rows: unknown[][] = [
    [
      1,
      '赵子涵',
      '女',
      id('2014-06-11', 'female', 301),
      new Date(Date.UTC(2014, 5, 11)),
      '岑河镇',
      '陈龙村',
      '陈龙村二组 4 号',
      '留守儿童',
      '赵建国',
      '父亲',
      '13900000001',
    ],
    [
      2,
      '钱浩宇',
      '男',
      id('2013-03-02', 'male', 302),
      '2013.03.02',
      '岑河镇',
      '陈龙村',
      '陈龙村一组 9 号',
      '',
      '钱大海',
      '祖父',
      '13900000002',
    ],
    [
      3,
      '孙雨桐',
      '女',
      id('2016-03-02', 'female', 303),
      '2016-3-2',
      '岑河镇',
      '沙口村',
      '沙口村三组 1 号',
      '',
      '孙立',
      '母亲',
      '13900000003',
    ],
    [
      4,
      '周梓萱',
      '女',
      id('2015-03-02', 'female', 304),
      '2015年3月2日',
      '岑河镇',
      '沙口村',
      '沙口村四组 7 号',
      '',
      '周强',
      '父亲',
      '13900000004',
    ],
    [
      5,
      '吴俊杰',
      '男',
      brokenCheckDigit(id('2012-05-05', 'male', 305)),
      '2012-05-05',
      '岑河镇',
      '陈龙村',
      '陈龙村六组 2 号',
      '',
      '吴刚',
      '父亲',
      '13900000005',
    ],
    [
      6,
      '郑欣怡',
      '女',
      id('2011-01-01', 'female', 306),
      '2011-02-01',
      '岑河镇',
      '陈龙村',
      '陈龙村七组 5 号',
      '',
      '郑华',
      '母亲',
      '13900000006',
    ],
    [7, '', '男', id('2012-07-07', 'male', 307), '2012-07-07', '岑河镇', '陈龙村', '陈龙村八组 8 号', '', '', '', ''],
    // An 18-digit ID typed into a number cell: Excel keeps 15 significant digits.
    [
      8,
      '冯一鸣',
      '男',
      Number(id('2010-10-10', 'male', 308).slice(0, 17)) * 10,
      '2010-10-10',
      '岑河镇',
      '沙口村',
      '沙口村五组 3 号',
      '',
      '冯伟',
      '父亲',
      '13900000008',
    ],
  ];
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(5).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Picks a value in the antd select named `name` (its options are hidden from the pointer). */
export async function selectOption(page: Page, name: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name }).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}
