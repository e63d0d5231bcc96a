import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { capture, eventually, heading } from './access-support.js';
import { newContext, resize, switchLanguage } from './helpers.js';
import { apiAs, json, pageAs, useCasesSuite } from './helpers/cases-support.js';

// Issue 14: Chinese everywhere (antd's own calendar and pagination included), no raw codes on
// screen, and the pages worked on a phone fit a 390 px screen with their primary action in view
// (bounding boxes, not only pictures), elder mode's primary buttons 60 px tall.

const suite = useCasesSuite();
const codeOnScreen = /\b(?:auth|child|children|cases?|reports?|users|audit|demo|system)[.:][a-z_]+/;

/** The element lies wholly inside the screen: no scrolling sideways, and (`inView`) none down either. */
async function expectOnScreen(page: Page, element: Locator, inView = false): Promise<void> {
  // A list that re-renders as results arrive may replace the element between finding and scrolling:
  // the locator finds it again (it is lazy), a few times at most.
  for (let attempt = 1; ; attempt++) {
    try {
      await element.scrollIntoViewIfNeeded();
      break;
    } catch (error) {
      if (attempt >= 5 || !/not attached/i.test(String(error))) throw error;
    }
  }
  // The same re-render may replace it between scrolling and measuring: no box then (it is detached),
  // so the box is read again once the locator finds a visible element, a few times at most.
  let box = await element.boundingBox();
  for (let attempt = 1; box === null && attempt <= 5; attempt++) {
    await element.waitFor({ state: 'visible' });
    box = await element.boundingBox();
  }
  const screen = page.viewportSize();
  expect(box, 'element has no box').not.toBeNull();
  if (!box || !screen) return;
  expect(box.x, 'starts left of the screen').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'ends right of the screen').toBeLessThanOrEqual(screen.width);
  if (inView) expect(box.y + box.height, 'below the fold').toBeLessThanOrEqual(screen.height);
}

interface CaseWithActions {
  id: string;
  caseNo: string;
  child: { id: string };
  allowedActions: string[];
}

async function caseAllowing(username: string, action: string): Promise<CaseWithActions> {
  const api = await apiAs(suite, username);
  const list = await json<{ items: { id: string }[] }>(await api.request('GET', '/api/cases?pageSize=100'));
  for (const item of list.items) {
    const view = await json<CaseWithActions>(await api.request('GET', `/api/cases/${item.id}`));
    if (view.allowedActions.includes(action)) return view;
  }
  throw new Error(`${username} has no case that allows ${action}`);
}

describe('Chinese everywhere, phone-first', { timeout: 600_000 }, () => {
  it("antd's calendar and pagination speak the page's language; the audit log shows words and references, not codes", async () => {
    const page = await pageAs(suite, 'auditor', '/audit');
    await heading(page, '审计日志').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByPlaceholder('开始日期').click();
    const header = page.locator('.ant-picker-dropdown:visible .ant-picker-header-view').first();
    await eventually(() => header.innerText()).toMatch(/^\d{4}年\s*\d{1,2}月$/);
    await expect(page.locator('.ant-picker-dropdown:visible .ant-picker-content th').first().innerText()).resolves.toBe(
      '一',
    );
    await page.keyboard.press('Escape');
    await expect(page.locator('.ant-pagination-prev').getAttribute('title')).resolves.toBe('上一页');
    const table = await page.locator('.ant-table-tbody').innerText();
    expect(table).not.toMatch(codeOnScreen);
    expect(table).not.toMatch(/[0-9a-f]{8}…/);
    // The child filter asks for the file number a person reads on screen, not an id.
    await page.getByLabel('儿童档案编号').fill('198cef50');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByText('档案编号以 HV 开头').first().waitFor();

    await switchLanguage(page, 'en');
    await page.getByPlaceholder('From').click();
    await eventually(() => header.innerText()).toMatch(/^[A-Z][a-z]{2}\s*\d{4}$/);
    await page.keyboard.press('Escape');
    await expect(page.locator('.ant-pagination-prev').getAttribute('title')).resolves.toBe('Previous Page');
    await page.context().close();
  });

  it("the child's timeline names each step in words and links the case behind it; the file lists the child's cases", async () => {
    const kase = await caseAllowing('officer.shashi', 'assessment').catch(() =>
      caseAllowing('officer.shashi', 'start_monitoring'),
    );
    const page = await pageAs(suite, 'officer.shashi', `/registry/${kase.child.id}?tab=timeline`);
    const records = page.locator('.haven-file-records');
    await records.getByRole('link', { name: kase.caseNo }).waitFor();
    const timeline = page.locator('.haven-timeline');
    await timeline.getByText('立案').first().waitFor();
    await timeline
      .getByRole('link', { name: new RegExp(kase.caseNo) })
      .first()
      .waitFor();
    expect(await timeline.innerText()).not.toMatch(codeOnScreen);
    expect(await timeline.innerText()).not.toMatch(/→ (high|low|medium_low|medium_high)\b/);
    await capture(page, 'locale-child-timeline', { ready: () => records.waitFor(), axe: () => false });
    await page.context().close();
  });

  it("every feature's entries on the timeline are in words (none left as 'other'), with links to their pages", async () => {
    const officer = await apiAs(suite, 'officer.shashi');
    const { items } = await json<{ items: { id: string; childId: string; status: string }[] }>(
      await officer.request('GET', '/api/benefits/applications?status=approved'),
    );
    const approved = items.find((item) => item.status === 'approved');
    expect(approved, 'the demo has an approved application in 沙市区').toBeDefined();
    if (!approved) return;
    const page = await pageAs(suite, 'officer.shashi', `/registry/${approved.childId}?tab=timeline`);
    const timeline = page.locator('.haven-timeline');
    await timeline.getByText('批准保障金').first().waitFor();
    await timeline.getByRole('link', { name: '查看' }).first().waitFor();
    expect(await timeline.getByRole('link', { name: '查看' }).first().getAttribute('href')).toMatch(/^\/benefits\//);
    expect(await timeline.innerText()).not.toContain('其他记录');
    await page.context().close();
  });

  it('at 390 px the emergency-response form picks the moment with a phone-sized picker and quick choices', async () => {
    const kase = await caseAllowing('police.shashi', 'emergency_response');
    const page = await pageAs(suite, 'police.shashi', `/cases/${kase.id}`, 'phone');
    await page.locator('.haven-case-actions').getByRole('button', { name: '应急处置', exact: true }).click();
    const dialog = page.locator('.ant-drawer-content:visible, .ant-modal-content:visible').last();
    const picker = dialog.locator('input[type="datetime-local"]');
    await picker.waitFor();
    // Preset to now (police record it at the scene); 昨天 moves it a day back.
    expect(await picker.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await expectOnScreen(page, picker);
    for (const quick of ['刚才', '今天', '昨天'])
      await expectOnScreen(page, dialog.getByRole('button', { name: quick }));
    const before = await picker.inputValue();
    await dialog.getByRole('button', { name: '昨天' }).click();
    await eventually(() => picker.inputValue()).not.toBe(before);
    await capture(page, 'locale-emergency-picker', {
      ready: (language) => dialog.getByRole('button', { name: language === 'en' ? 'Just now' : '刚才' }).waitFor(),
      axe: () => false,
    });
    await page.context().close();
  });

  it('at 390 px lists are cards with their primary action on screen, the registry search comes first with results in view', async () => {
    const page = await pageAs(suite, 'officer.shashi', '/cases', 'phone');
    const caseCard = page.locator('.haven-cards > li').first();
    await caseCard.waitFor();
    expect(await page.locator('.haven-main .ant-table').count()).toBe(0);
    await expectOnScreen(page, caseCard.getByRole('button', { name: /^打开/ }));
    // The filters fold away under 筛选: the search box and the first result are in view.
    expect(await page.getByLabel('风险等级').isVisible()).toBe(false);
    await expectOnScreen(page, caseCard, true);
    const firstRow = page.locator('.haven-cards > li, .ant-table-row').first();
    await capture(page, 'locale-cases-list', { ready: () => firstRow.waitFor(), axe: () => false });

    // capture() leaves the page at 1280 px: back to the phone.
    await resize(page, 'phone');
    await page.goto(`${suite.server.url}/registry`);
    const search = page.getByLabel('姓名、拼音、身份证号或电话');
    await search.waitFor();
    await expectOnScreen(page, search, true);
    await search.fill('李');
    const firstChild = page.locator('.haven-card-list > li').first();
    await eventually(() => page.url()).toContain('q=');
    await firstChild.waitFor();
    await expectOnScreen(page, firstChild, true);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByLabel('风险等级').waitFor();
    await capture(page, 'locale-registry-search', {
      ready: () => page.locator('.haven-card-list > li, .ant-table-row').first().waitFor(),
      axe: () => false,
    });
    await page.context().close();

    const users = await pageAs(suite, 'admin', '/users', 'phone');
    const userCard = users.locator('.haven-cards > li').first();
    await userCard.waitFor();
    await expectOnScreen(users, userCard.getByRole('button', { name: /重置.*的密码/ }));
    await capture(users, 'locale-users-list', {
      ready: () => users.locator('.haven-cards > li, .ant-table-row').first().waitFor(),
      axe: () => false,
    });
    await users.context().close();
  });

  it('in elder mode primary buttons are 60 px tall and the header stays on one row at 390 px', async () => {
    const api = await apiAs(suite, 'officer.shashi');
    const context = await newContext(suite.browser, {
      viewport: 'phone',
      language: 'zh-CN',
      elderMode: true,
      baseUrl: suite.server.url,
      sessionCookie: api.cookie,
    });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/cases`);
    const open = page.locator('.haven-cards > li').first().getByRole('button', { name: /^打开/ });
    await open.waitFor();
    expect((await open.boundingBox())?.height).toBeGreaterThanOrEqual(60);
    const search = page.locator('.haven-query').getByRole('button', { name: '搜索' });
    expect((await search.boundingBox())?.height).toBeGreaterThanOrEqual(60);
    const header = await page.locator('.haven-header').boundingBox();
    const menuButton = await page.locator('.haven-menu-button').boundingBox();
    expect(header && menuButton && header.height < menuButton.height * 2).toBe(true);
    await capture(page, 'locale-elder-cases', {
      ready: () => page.locator('.haven-cards > li, .ant-table-row').first().waitFor(),
      axe: () => false,
    });
    await context.close();
  });
});
