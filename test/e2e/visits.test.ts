import type { Browser } from 'playwright-core';
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

// A village director on a phone (390 px), in zh-CN and elder mode, opens the children due a visit
// and records one: the overdue left-behind child of the demo leaves the list.
let server: RunningServer;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  [browser, cookie] = await Promise.all([
    launchBrowser(),
    signInAs(server.url, 'director.chenlong').then((session) => session.cookie),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('home visits on a phone', { timeout: 300_000 }, () => {
  it('a director opens the due list at 390 px in elder mode and records a visit', async () => {
    const page = await openPage(browser, {
      viewport: 'phone',
      language: 'zh-CN',
      elderMode: true,
      baseUrl: server.url,
      sessionCookie: cookie,
    });
    await page.goto(`${server.url}/visits`);
    const card = page.getByRole('listitem').filter({ hasText: '李小雨' });
    await card.getByText(/已逾期/).waitFor();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'visits-due-zh-390-elder');
    const record = card.getByRole('button', { name: '记录随访：李小雨' });
    const box = await record.boundingBox();
    expect(box && box.height >= 44 && box.x + box.width <= 390).toBe(true);
    await record.click();
    await page.getByRole('heading', { name: '入户随访记录：李小雨' }).waitFor();
    await page.getByLabel('受访人姓名').fill('李奶奶');
    await page.getByLabel('监护情况').fill('祖母照料，能履行基本照料责任');
    await settled(page);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '保存随访记录' }).click();
    await page.waitForURL(`${server.url}/visits`);
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: '李小雨' }).count()).toBe(0);
  });
});
