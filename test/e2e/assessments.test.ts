import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { type ApiSession, signInAs } from '../support/session.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  openPage,
  type RunningServer,
  screenshot,
  settled,
  startServer,
} from './helpers.js';

// A village director on a phone (390 px), zh-CN, elder mode: assesses 李小雨 on the DB42/T form, sees
// the grade live (harm by the guardian caps it at "missing", red), saves, and finds it in her list.
let server: RunningServer;
let browser: Browser;
let session: ApiSession;

beforeAll(async () => {
  server = await startServer();
  [browser, session] = await Promise.all([launchBrowser(), signInAs(server.url, 'director.chenlong')]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the guardianship assessment on a phone', { timeout: 300_000 }, () => {
  it('a director fills the 20 items at 390 px in elder mode, the grade shows live, and saves', async () => {
    const found = (await (await session.request('GET', '/api/children?q=李小雨')).json()) as {
      items: { id: string }[];
    };
    const childId = found.items[0]!.id;
    const page = await openPage(browser, {
      viewport: 'phone',
      language: 'zh-CN',
      elderMode: true,
      baseUrl: server.url,
      sessionCookie: session.cookie,
    });
    await page.goto(`${server.url}/assessments/child/${childId}/new`);
    await page.getByText('生长发育').first().waitFor();
    const items = page.locator('.haven-assessment-item .ant-form-item');
    const count = await items.count();
    expect(count).toBe(20);
    for (let i = 0; i < count; i += 1) await items.nth(i).locator('.ant-radio-button-wrapper').first().click();
    const live = page.locator('.haven-assessment-live');
    await live.getByText(/监护正常/).waitFor();
    await items.filter({ hasText: '伤害与侵害' }).getByText('受监护人伤害').click();
    await live.getByText(/监护缺失/).waitFor();
    await live.getByText(/红色/).waitFor();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'assessment-form-zh-390-elder');
    await page.getByRole('button', { name: '保存评估' }).click();
    await page.waitForURL(`${server.url}/assessments/child/${childId}`);
    await page
      .locator('.haven-assessment-card')
      .getByText(/监护缺失/)
      .waitFor();
    await expectNoHorizontalOverflow(page);
  });
});
