import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { signInAs } from '../support/session.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  openPage,
  type RunningServer,
  screenshot,
  settled,
  startServer,
} from './helpers.js';

// The five problems in Chromium: the city lead agency sees the trends and the county map, drills
// 荆州市 → 沙市区 → 岑河镇 → the children whose home visits are overdue, and downloads the monthly
// report the demo's sweep generated on this month's first working day; the analyst sees the same
// pages with small cells suppressed and no names. zh-CN at 1280 px, English at 390 px.
let server: RunningServer;
let browser: Browser;
let officer: string;
let analyst: string;
const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const [year, month] = thisMonth.split('-').map(Number) as [number, number];
const lastMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;

beforeAll(async () => {
  server = await startServer();
  [browser, officer, analyst] = await Promise.all([
    launchBrowser(),
    signInAs(server.url, 'officer.city').then((session) => session.cookie),
    signInAs(server.url, 'analyst').then((session) => session.cookie),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const tile = (page: Page, name: string) =>
  page.getByRole('group', { name: /示意图|schematic/ }).getByRole('button', { name: new RegExp(name) });

describe('the five problems', { timeout: 600_000 }, () => {
  it('the city lead agency drills to the overdue visits and opens the monthly report; the analyst sees counts only', async () => {
    const page = await openPage(browser, {
      viewport: 'desktop',
      language: 'zh-CN',
      baseUrl: server.url,
      sessionCookie: officer,
    });
    await page.goto(`${server.url}/insight/problems`);
    await page.getByRole('img', { name: '逾期未走访儿童：近十二个月趋势' }).waitFor();
    await page.getByRole('img', { name: '困境儿童数：近十二个月趋势' }).waitFor();
    await tile(page, '沙市区').waitFor();
    await settled(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'insight-problems-city-zh-1280');
    // Session 12's indicators sit in their problems: the oldest open case and the caseload under the
    // mechanism, state guardianship under family function, the matrix's gaps under government duties.
    const card = (title: string) =>
      page.locator('.haven-problem-card', { has: page.locator('.ant-card-head-title', { hasText: title }) });
    await card('机制运行').getByRole('img', { name: '最久在办个案已办天数：近十二个月趋势' }).waitFor();
    await card('机制运行').locator('[data-indicator="cases.caseload_per_manager"]').waitFor();
    await card('家庭监护功能').locator('[data-indicator="family.state_guardianship"]').waitFor();
    await card('政府职责交叉').locator('[data-indicator="government.matrix_gaps"]').waitFor();
    // The month's flow tables under the comparison: reports by channel, report → closure, finished stays.
    const flows = page.getByRole('region', { name: '报告流转、结案用时与机构安置' });
    await flows.getByRole('cell', { name: '热线', exact: true }).waitFor();
    await flows.getByRole('cell', { name: '荆州市（合计）' }).waitFor();
    await flows.getByRole('cell', { name: '救助管理站' }).waitFor();
    // The trend has a year of months, its numbers as a table.
    await page.getByText('查看数据表').first().click();
    expect(await page.locator('.haven-trend-table').first().locator('tbody tr').count()).toBe(12);

    await tile(page, '沙市区').click();
    await page.getByRole('navigation').getByText('沙市区').waitFor();
    await page.getByRole('button', { name: '岑河镇' }).click();
    await page.getByRole('navigation').getByText('岑河镇').waitFor();
    await page.locator('[data-indicator="visits.overdue"]').getByRole('button', { name: '查看名单' }).click();
    const rows = page.getByRole('region', { name: '数字背后的名单' });
    await rows.getByText('李小雨').waitFor();
    await rows
      .getByText(/\d+ 天/)
      .first()
      .waitFor();
    await settled(page);
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `下载 ${thisMonth} 月报（PDF）` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`insight-4210-${thisMonth}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/NotoSansSC/);

    // On demand: last month's report of 岑河镇, generated from the page, then listed.
    const reports = page.getByRole('region', { name: '联席会议月报' });
    await reports.locator('.haven-report-generate .ant-select-selector').click();
    await page
      .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${lastMonth}"]`)
      .click();
    await reports.getByRole('button', { name: '生成月报' }).click();
    await reports.getByText(`已生成 岑河镇 ${lastMonth} 月报。`).waitFor();
    await reports
      .getByRole('button', { name: `下载 ${lastMonth} 数据（Excel）` })
      .first()
      .waitFor();
    await screenshot(page, 'insight-problems-township-report-zh-1280');
    await page.context().close();

    const phone = await openPage(browser, {
      viewport: 'phone',
      language: 'en',
      baseUrl: server.url,
      sessionCookie: officer,
    });
    await phone.goto(`${server.url}/insight/problems`);
    // On a phone each problem is folded to its name and headline number; a tap opens it.
    const grassroots = phone.locator('details[data-problem="grassroots"]');
    await grassroots
      .locator('summary')
      .getByText(/Home visits overdue/)
      .waitFor();
    await tile(phone, 'Shashi|沙市区').waitFor();
    await settled(phone);
    await screenshot(phone, 'insight-problems-city-en-390-folded');
    await grassroots.locator(':scope > summary').click();
    await phone.getByRole('img', { name: 'Home visits overdue: the last twelve months' }).waitFor();
    await screenshot(phone, 'insight-problems-city-en-390');
    const society = phone.locator('details[data-problem="society"]');
    await society.locator(':scope > summary').click();
    await society
      .getByRole('img', { name: 'Licensed social workers per 10,000 children in difficulty: the last twelve months' })
      .waitFor();
    await phone
      .getByRole('region', { name: 'Reports, time to closure and institution stays' })
      .getByRole('cell', { name: 'Hotline', exact: true })
      .waitFor();
    await expectNoHorizontalOverflow(phone);
    await expectNoAxeViolations(phone);
    await phone.context().close();

    for (const [viewport, language] of [
      ['desktop', 'en'],
      ['phone', 'zh-CN'],
    ] as const) {
      const view = await openPage(browser, { viewport, language, baseUrl: server.url, sessionCookie: analyst });
      await view.goto(`${server.url}/insight/problems`);
      await view.getByText(language === 'en' ? /Numbers below 5 are not published/ : /小于 5 的数不公布/).waitFor();
      await tile(view, '沙市区').click();
      await view.getByRole('button', { name: '岑河镇' }).click();
      await view.getByRole('navigation').getByText('岑河镇').waitFor();
      await view
        .getByText(language === 'en' ? '<5 (not published)' : '<5（不公布）')
        .filter({ visible: true })
        .first()
        .waitFor();
      expect(await view.getByRole('button', { name: language === 'en' ? 'Show the list' : '查看名单' }).count()).toBe(
        0,
      );
      expect(await view.getByText('李小雨').count()).toBe(0);
      await settled(view);
      if (viewport === 'phone') {
        await screenshot(view, 'insight-problems-township-zh-390-analyst');
        await expectNoHorizontalOverflow(view);
      }
      await expectNoAxeViolations(view);
      await view.context().close();
    }
  });
});
