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

// On phones (390 px): the demo school sees the prosecutor's recommendation past its month (the
// escalation shows), replies in writing in English; the prosecutor accepts the reply in Chinese.
let server: RunningServer;
let browser: Browser;
let schoolCookie: string;
let prosecutorCookie: string;

beforeAll(async () => {
  server = await startServer();
  [browser, schoolCookie, prosecutorCookie] = await Promise.all([
    launchBrowser(),
    signInAs(server.url, 'reporter.school').then((session) => session.cookie),
    signInAs(server.url, 'prosecutor').then((session) => session.cookie),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a procuratorial recommendation on a phone', { timeout: 300_000 }, () => {
  it('the school replies to the overdue recommendation; the prosecutor accepts it', async () => {
    const school = await openPage(browser, {
      viewport: 'phone',
      language: 'en',
      baseUrl: server.url,
      sessionCookie: schoolCookie,
    });
    await school.goto(`${server.url}/recommendations`);
    const overdue = school.getByRole('listitem').filter({ hasText: /Reply overdue/ });
    await overdue.waitFor();
    await settled(school);
    await expectNoHorizontalOverflow(school);
    await expectNoAxeViolations(school);
    await screenshot(school, 'recommendations-school-en-390');
    await overdue.getByRole('link').click();
    await school.getByText('Reply overdue', { exact: true }).waitFor();
    await school.getByRole('button', { name: 'Reply in writing' }).click();
    await school.getByLabel('Reply (what was done)').fill('已建立学生欺凌防治工作机制，完成全校排查。');
    await school.getByLabel('Reply document number or file id (optional)').fill('岑小〔2026〕9号');
    await school.getByRole('dialog').getByRole('button', { name: 'Reply in writing' }).click();
    await school.getByText('Replied, under review').first().waitFor();
    const address = school.url();
    await settled(school);
    await expectNoHorizontalOverflow(school);

    const prosecutor = await openPage(browser, {
      viewport: 'phone',
      language: 'zh-CN',
      baseUrl: server.url,
      sessionCookie: prosecutorCookie,
    });
    await prosecutor.goto(address);
    await prosecutor.getByText('已建立学生欺凌防治工作机制，完成全校排查。').waitFor();
    await settled(prosecutor);
    await expectNoHorizontalOverflow(prosecutor);
    await expectNoAxeViolations(prosecutor);
    await screenshot(prosecutor, 'recommendation-prosecutor-zh-390');
    const accept = prosecutor.getByRole('button', { name: '认可回复并办结' });
    const box = await accept.boundingBox();
    expect(box && box.height >= 40 && box.x + box.width <= 390).toBe(true);
    await accept.click();
    await prosecutor.getByRole('dialog').getByRole('button', { name: '认可回复并办结' }).click();
    await prosecutor.getByText('已办结').first().waitFor();
  });
});
