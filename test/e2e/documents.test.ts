import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps, pdfBytes } from '../../src/features/documents/test-files.test-helper.js';
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

/** A document on the file through the API (the upload takes the raw bytes). */
async function uploadPdf(fileName: string, type: string): Promise<string> {
  const response = await fetch(
    `${server.url}/api/children/${childId}/documents?${new URLSearchParams({ type, fileName })}`,
    {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/pdf' },
      body: pdfBytes,
    },
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

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

  it('a referral shares the documents the director ticks (1280 px, zh-CN); its worker reads those and no other (390 px, en)', async () => {
    const court = await uploadPdf('监护权判决书.pdf', 'court_decision');
    const medical = await uploadPdf('住院病历.pdf', 'medical_report');
    const page = await openPage(browser, {
      viewport: 'desktop',
      language: 'zh-CN',
      baseUrl: server.url,
      sessionCookie: session.cookie,
    });
    await page.goto(`${server.url}/registry/${childId}`);
    await page.getByRole('button', { name: '转介', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('服务', { exact: true }).click();
    await page.keyboard.type('心理');
    await page.locator('.ant-select-item-option').filter({ hasText: '心理疏导' }).first().click();
    // The matrix's lead for counselling is filled in as the receiver.
    await dialog
      .getByText(/荆州市童心社会工作服务中心/)
      .first()
      .waitFor();
    await dialog.getByLabel('文件', { exact: true }).check();
    // Only the documents ticked go with the referral: the court decision, not the medical record.
    await dialog.getByLabel(/监护权判决书\.pdf/).check();
    await dialog.getByLabel(/住院病历\.pdf/).waitFor();
    await dialog.getByLabel('转介理由').fill('孩子需要心理疏导，附法院判决书说明监护情况');
    await settled(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'documents-refer-zh-1280');
    await dialog.getByRole('button', { name: '发出转介' }).click();
    await page.getByText('转介已发出。').waitFor();

    const worker = await signInAs(server.url, 'socialworker');
    const incoming = (await (
      await worker.request('GET', `/api/referrals?direction=incoming&status=requested&childId=${childId}`)
    ).json()) as { items: { id: string; seq: number }[] };
    const referral = incoming.items[0]!;
    expect(
      (await worker.request('POST', `/api/referrals/${referral.id}/actions`, { type: 'accept', expectedSeq: 1 }))
        .status,
    ).toBe(200);
    const phone = await openPage(browser, {
      viewport: 'phone',
      language: 'en',
      baseUrl: server.url,
      sessionCookie: worker.cookie,
    });
    await phone.goto(`${server.url}/registry/${childId}?tab=documents`);
    await phone.getByText(/documents a referral shared with your organisation/).waitFor();
    await phone.locator('.ant-list-item').filter({ hasText: '监护权判决书.pdf' }).waitFor();
    expect(await phone.locator('.ant-list-item').filter({ hasText: '住院病历.pdf' }).count()).toBe(0);
    await settled(phone);
    await expectNoHorizontalOverflow(phone);
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'documents-shared-en-390');
    expect((await worker.request('GET', `/api/documents/${court}/content`)).status).toBe(200);
    expect((await worker.request('GET', `/api/documents/${medical}/content`)).status).toBe(404);
  });
});
