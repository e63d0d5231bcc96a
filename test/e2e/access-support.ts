import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoPassword, demoTotpCode } from '../support/demo-credentials.js';
import { launchBrowser } from '../support/browser.js';
import { profiled } from '../support/e2e-profile.js';
import { type ApiSession, signInAs } from '../support/session.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  expectPhoneTouchTargets,
  type Language,
  openPage,
  resize,
  type RunningServer,
  screenshot,
  startServer,
  switchLanguage,
  type ViewportName,
  viewports,
} from './helpers.js';

// What the access tests share: one server with the Jingzhou demo and one Chromium per file, the
// sign-in steps as a person does them, and `capture`, which photographs a page in Chinese and
// English at 1280 and 390 px (the same page resized and switched in place, much faster than a new
// context each time) and scans it with axe.

export interface Suite {
  server: RunningServer;
  browser: Browser;
}

/** Starts the server and the browser for this file (and stops them after). */
export function useSuite(): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build:web` first');
    [suite.server, suite.browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 300_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export const chenlongChildren = ['李小雨', '李明轩'];
export const shashiChildren = ['张浩然', '李小雨', '李明轩', '王梓涵'];
export const allDemoChildren = [...shashiChildren, '周子豪', '陈思琪', '刘一诺', '黄俊'];

/** expect.poll with room for a two-core machine loaded four times over (its default gives up after 1 s). */
export const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 60_000, interval: 100 });

export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
export const navigation = (page: Page) => page.getByRole('navigation', { name: /主导航|Main navigation/ }).first();

export async function menuEntries(page: Page): Promise<string[]> {
  // The menus load after the first page has its data (web/src/app/routing/firstPage.ts).
  await navigation(page).getByRole('link').first().waitFor();
  return (await navigation(page).getByRole('link').allInnerTexts()).map((text) => text.trim());
}

export interface CaptureOptions {
  /** Waits until the page shows its content in this language. */
  ready: (language: Language) => Promise<unknown>;
  /** axe in these combinations (default: Chinese at 1280 px and English at 390 px, so each language and each width is scanned once). */
  axe?: (language: Language, viewport: ViewportName) => boolean;
  /** Check touch targets and overflow at 390 px (default true). */
  phoneChecks?: boolean;
  /** Scan only this part with axe: a drawer or dialog over a page scanned before. */
  axeWithin?: string;
}

const defaultAxe = (language: Language, viewport: ViewportName) => (language === 'zh-CN') === (viewport === 'desktop');

/**
 * Photographs the page as it is now in zh-CN and English at 1280 and 390 px, scans it with axe,
 * checks touch targets and overflow at 390 px, and leaves it in Chinese at 1280 px.
 */
export async function capture(page: Page, name: string, options: CaptureOptions): Promise<void> {
  await profiled('capture', () => captureNow(page, name, options));
}

async function captureNow(
  page: Page,
  name: string,
  { ready, axe = defaultAxe, phoneChecks = true, axeWithin }: CaptureOptions,
): Promise<void> {
  const steps: [Language, ViewportName][] = [
    ['zh-CN', 'desktop'],
    ['zh-CN', 'phone'],
    ['en', 'phone'],
    ['en', 'desktop'],
  ];
  for (const [language, viewport] of steps) {
    if ((await page.locator('html').getAttribute('lang')) !== language) await switchLanguage(page, language);
    if (page.viewportSize()?.width !== viewports[viewport].width) await resize(page, viewport);
    await ready(language);
    await screenshot(page, `${name}-${language}-${viewports[viewport].width}`);
    if (viewport === 'phone' && phoneChecks) {
      await expectNoHorizontalOverflow(page);
      await expectPhoneTouchTargets(page);
    }
    if (axe(language, viewport)) await expectNoAxeViolations(page, axeWithin);
  }
  await switchLanguage(page, 'zh-CN');
  if (page.viewportSize()?.width !== viewports.desktop.width) await resize(page, 'desktop');
}

/** The password step of the sign-in page, in Chinese. */
export async function enterPassword(page: Page, username: string, password = demoPassword): Promise<void> {
  await heading(page, '登录').waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

export async function enterTotp(page: Page, username: string): Promise<void> {
  await heading(page, '输入动态验证码').waitFor();
  await page.getByLabel('6 位验证码').fill(await demoTotpCode(username));
  await page.getByRole('button', { name: '验证' }).click();
  // A code is good once: if this person signed in over the API a moment ago (same 30-second window),
  // the page says so, and the next window's code (within the server's one step of drift) is taken,
  // as a person would type the authenticator's next number.
  const refused = await Promise.race([
    heading(page, '输入动态验证码')
      .waitFor({ state: 'detached' })
      .then(
        () => false,
        () => false,
      ),
    // The loser of the race times out later: both are caught, so neither is an unhandled rejection.
    page
      .getByText(/动态验证码不正确或已使用/)
      .waitFor()
      .then(
        () => true,
        () => false,
      ),
  ]);
  if (!refused) return;
  await page.getByLabel('6 位验证码').fill(await demoTotpCode(username, Date.now() + 30_000));
  await page.getByRole('button', { name: '验证' }).click();
  await heading(page, '输入动态验证码').waitFor({ state: 'detached' });
}

export interface SignInOptions {
  /** Where the page opens (default `/`). */
  path?: string;
  /** The person needs an authenticator code: only the sign-in page asks for it here (`through: 'page'`). */
  totp?: boolean;
  /**
   * 'api' (default): signed in over HTTP, the session cookie handed to a new context, then `path` is
   * opened — seconds cheaper than the sign-in page. 'page': through the sign-in page as a person does
   * it (access-signin proves that page; other journeys need not).
   */
  through?: 'api' | 'page';
  viewport?: ViewportName;
}

/** A fresh page in Chinese at `path`, signed in as a demo person (over the API unless `through: 'page'`). */
export async function signInOnPage(suite: Suite, username: string, options: SignInOptions = {}): Promise<Page> {
  const { path = '/', viewport = 'desktop', through = 'api' } = options;
  if (through === 'page') {
    return profiled('sign-in (page)', async () => {
      const page = await openPage(suite.browser, { viewport, language: 'zh-CN', baseUrl: suite.server.url });
      await page.goto(`${suite.server.url}${path}`);
      await enterPassword(page, username);
      if (options.totp) await enterTotp(page, username);
      return page;
    });
  }
  const session = await sessionOf(suite.server.url, username);
  const page = await openPage(suite.browser, {
    viewport,
    language: 'zh-CN',
    baseUrl: suite.server.url,
    sessionCookie: session.cookie,
  });
  await page.goto(`${suite.server.url}${path}`);
  return page;
}

const sessions = new Map<string, ApiSession>();

/**
 * One API session per person and server, reused while the server still accepts it: an authenticator
 * code is good once, so signing the same person in afresh for every page would run out of codes.
 */
export async function sessionOf(baseUrl: string, username: string): Promise<ApiSession> {
  const key = `${baseUrl} ${username}`;
  const known = sessions.get(key);
  if (known && (await known.request('GET', '/api/auth/me')).status === 200) return known;
  const session = await signInAs(baseUrl, username);
  sessions.set(key, session);
  return session;
}

/** Chooses an entry of the open antd select list (its a11y options are hidden from the pointer). */
export async function chooseOption(page: Page, text: string | RegExp): Promise<void> {
  const entries = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text });
  await entries.first().waitFor({ state: 'attached' });
  // A list closed a moment ago (an earlier select's) can still be in the page: take the one shown.
  const shown = entries.filter({ visible: true }).first();
  const clicked = await shown
    .click({ timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (clicked) return;
  // Seen only under CI load, inside a modal: the list is rendered with the entry active but has no
  // size on screen, so the pointer cannot reach it. Enter chooses the active entry, as a keyboard
  // user would; callers check the chosen value afterwards.
  await page.keyboard.press('Enter');
}

export async function tableNames(page: Page): Promise<string[]> {
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  return (await page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts()).map((text) =>
    text.trim(),
  );
}
