import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
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

// The county officer on a phone (390 px), in Chinese and in English, opens the demo's purchased-service
// project: the outputs counted from 童心社工's recorded work beside the targets, budget execution, and
// the mid-term evaluation with the provider's reply; then the coverage by county.
let server: RunningServer;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  [browser, cookie] = await Promise.all([
    launchBrowser(),
    signInAs(server.url, 'officer.shashi').then((session) => session.cookie),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('purchased services on a phone', { timeout: 300_000 }, () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`shows a project's counted outputs, budget and evaluation at 390 px (${language})`, async () => {
      const zh = language === 'zh-CN';
      const page = await openPage(browser, { viewport: 'phone', language, baseUrl: server.url, sessionCookie: cookie });
      await page.goto(`${server.url}/projects`);
      await page.getByRole('link', { name: '沙市区困境儿童关爱保护服务项目' }).click();
      await page
        .getByRole('heading', {
          name: zh ? '绩效指标（按系统记录的工作自动统计）' : 'Indicators (counted from recorded work)',
        })
        .waitFor();
      await page
        .getByText(zh ? '心理辅导次数' : 'Counselling sessions')
        .first()
        .waitFor();
      await page.getByText('已调整排班').waitFor();
      await page.getByText('¥144,000.00').first().waitFor();
      await settled(page);
      await expectNoHorizontalOverflow(page);
      await expectNoAxeViolations(page);
      await screenshot(page, `project-${language}-390`);
      await page.goto(`${server.url}/projects/society`);
      await page.getByRole('cell', { name: '沙市区', exact: true }).first().waitFor();
      await settled(page);
      await expectNoHorizontalOverflow(page);
      await expectNoAxeViolations(page);
      await page.close();
    });
  }
});
