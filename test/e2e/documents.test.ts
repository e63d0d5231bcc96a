import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps } from '../../src/features/documents/test-files.test-helper.js';
import { launchBrowser } from '../support/browser.js';
import { type ApiSession, signInAs } from '../support/session.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  expectPhoneTouchTargets,
  openPage,
  type RunningServer,
  screenshot,
  settled,
  startServer,
  switchLanguage,
} from './helpers.js';

// A village director on a phone (390 px) photographs a document at a home visit and adds it to the
// child's file: the camera opens for a photo, the position is removed, a mistaken upload is withdrawn.
let server: RunningServer;
let browser: Browser;
let session: ApiSession;
let childId: string;

beforeAll(async () => {
  server = await startServer();
  [browser, session] = await Promise.all([launchBrowser(), signInAs(server.url, 'director.chenlong')]);
  const found = (await (await session.request('GET', `/api/children?q=${encodeURIComponent('李小雨')}`)).json()) as {
    items: { id: string }[];
  };
  childId = found.items[0]!.id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("documents on the child's file, on a phone", { timeout: 300_000 }, () => {
  it('a director takes a photo for the file at 390 px (zh-CN), sees its location removed, and withdraws it (en)', async () => {
    const page = await openPage(browser, {
      viewport: 'phone',
      language: 'zh-CN',
      baseUrl: server.url,
      sessionCookie: session.cookie,
    });
    await page.goto(`${server.url}/registry/${childId}?tab=documents`);
    await page.getByRole('button', { name: '拍照上传' }).waitFor();
    const picker = page.getByTestId('document-file');
    expect(await picker.getAttribute('accept')).toBe('image/*');
    expect(await picker.getAttribute('capture')).toBe('environment');
    await picker.setInputFiles({ name: '家访照片.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() });
    const item = page.locator('.ant-list-item').filter({ hasText: '家访照片.jpg' });
    await item.getByText('已清除位置信息').waitFor();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await expectPhoneTouchTargets(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'documents-zh-390');
    await switchLanguage(page, 'en');
    await item.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByLabel('Reason (required; kept in the record)').fill('Wrong child photographed');
    await settled(page);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('.ant-list-item').filter({ hasText: '家访照片.jpg' }).count()).toBe(0);
    await page.getByText('Show withdrawn documents').click();
    await page.getByText(/Withdrawn by .*: Wrong child photographed/).waitFor();
  });
});
