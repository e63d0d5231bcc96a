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

// A village director on a phone (390 px), in zh-CN and elder mode, opens the children due a visit
// and records one with a photo while offline; the county officer visits the same child meanwhile;
// back online the queued visit syncs, meets the officer's visit (409) and the director merges the
// field she chose into it: one visit, with her photo, and the overdue child leaves the list.
let server: RunningServer;
let browser: Browser;
let director: ApiSession;
let officer: ApiSession;
// A 1×1 PNG: the documents feature judges a photo by its bytes.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  server = await startServer();
  [browser, director, officer] = await Promise.all([
    launchBrowser(),
    signInAs(server.url, 'director.chenlong'),
    signInAs(server.url, 'officer.shashi'),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('home visits on a phone', { timeout: 300_000 }, () => {
  it('a director records a visit offline with a photo, reconnects and resolves the conflict (390 px, elder mode)', async () => {
    const page = await openPage(browser, {
      viewport: 'phone',
      language: 'zh-CN',
      elderMode: true,
      baseUrl: server.url,
      sessionCookie: director.cookie,
    });
    const due = (await (await director.request('GET', '/api/visits/due?withinDays=31')).json()) as {
      items: { childId: string; childName: string }[];
    };
    const childId = due.items.find((i) => i.childName === '李小雨')!.childId;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
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
    // No signal in the village: the form opens and keeps the visit on the phone.
    await page.context().setOffline(true);
    await record.click();
    await page.getByRole('heading', { name: '入户随访记录：李小雨' }).waitFor();
    await page.getByLabel('受访人姓名').fill('李奶奶');
    const mine = '祖母照料，能履行基本照料责任（离线记录）';
    await page.getByLabel('监护情况').fill(mine);
    await page.locator('#visit-photo').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: png });
    await settled(page);
    await expectNoAxeViolations(page);
    // Meanwhile the county officer visits the same child.
    const theirs = (await (
      await officer.request('POST', '/api/visits', {
        childId,
        visitedOn: today,
        respondentName: '李奶奶',
        findings: { guardianship: '祖母照料' },
      })
    ).json()) as { id: string };
    await page.getByRole('button', { name: '保存随访记录' }).click();
    await page.waitForURL(`${server.url}/visits`);
    await page.getByRole('status').filter({ hasText: '离线：1 条随访记录保存在手机上' }).waitFor();

    // Back online: the outbox sends, the server refuses (visited meanwhile), both versions are shown.
    await page.context().setOffline(false);
    const conflict = page.getByRole('list', { name: '待处理的冲突' }).getByRole('listitem');
    await conflict.getByText('随访冲突：李小雨').waitFor();
    await settled(page);
    await expectNoHorizontalOverflow(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'visits-conflict-zh-390-elder');
    await conflict.getByRole('radio', { name: `我的：${mine}` }).check();
    await conflict.getByRole('button', { name: '按所选合并到对方记录' }).click();
    await page.getByText('随访冲突：李小雨').waitFor({ state: 'detached' });
    await page.getByRole('listitem').filter({ hasText: '李小雨' }).waitFor({ state: 'detached' });

    // One visit (the officer's, with the field she chose), and her photo on it.
    const visits = (await (await officer.request('GET', `/api/visits?childId=${childId}`)).json()) as {
      items: { id: string; visitedOn: string; findings: { guardianship: string | null } }[];
    };
    expect(visits.items.filter((v) => v.visitedOn === today).map((v) => v.id)).toEqual([theirs.id]);
    expect(visits.items[0]!.findings.guardianship).toBe(mine);
    const photos = (await (
      await officer.request('GET', `/api/children/${childId}/documents?subjectType=visit&subjectId=${theirs.id}`)
    ).json()) as { items: { type: string }[] };
    expect(photos.items.map((d) => d.type)).toEqual(['photo']);
  });
});
