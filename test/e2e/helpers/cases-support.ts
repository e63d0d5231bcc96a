import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, screenshotPath } from '../../support/browser.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { type ApiSession, signInAs } from '../../support/session.js';
import { newContext, type ViewportName } from '../helpers.js';

// The case-workflow journey's shared parts: one server with the Jingzhou demo whose database the
// test can sweep (`runSweeps(db, asOf)`), one Chromium, and pages opened already signed in as a
// demo person (signed in over the API, which is faster than the sign-in page and covered elsewhere).

export interface CasesSuite {
  server: TestServer;
  browser: Browser;
}

export function useCasesSuite(): CasesSuite {
  const suite = {} as CasesSuite;
  beforeAll(async () => {
    if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build:web` first');
    [suite.server, suite.browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()]);
  }, 300_000);
  // A failed step leaves a picture of every page still open, to see what the page showed instead.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    let n = 0;
    for (const open of suite.browser?.contexts().flatMap((c) => c.pages()) ?? []) {
      await open.screenshot({ path: screenshotPath(`cases-failure-${++n}`), fullPage: true }).catch(() => undefined);
    }
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

const sessions = new Map<string, ApiSession>();

/** One API session per demo person for the whole file (a TOTP code is good once). */
export async function apiAs(suite: CasesSuite, username: string): Promise<ApiSession> {
  let session = sessions.get(username);
  if (!session) {
    session = await signInAs(suite.server.url, username);
    sessions.set(username, session);
  }
  return session;
}

/** A page in Chinese, signed in as `username`, at `path`. */
export async function pageAs(
  suite: CasesSuite,
  username: string,
  path: string,
  viewport: ViewportName = 'desktop',
): Promise<Page> {
  const session = await apiAs(suite, username);
  const context = await newContext(suite.browser, {
    viewport,
    language: 'zh-CN',
    baseUrl: suite.server.url,
    sessionCookie: session.cookie,
  });
  const page = await context.newPage();
  await page.goto(`${suite.server.url}${path}`);
  return page;
}

export async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(status);
  return JSON.parse(text) as T;
}

/** Opens an action from the case header and waits for its form. */
export async function startAction(page: Page, name: string): Promise<void> {
  await page.locator('.haven-case-actions').getByRole('button', { name, exact: true }).click();
}

/** Sends the open action form and waits until the timeline shows the action. */
export async function confirmAction(page: Page, name: string): Promise<void> {
  const dialog = page.locator('.ant-drawer-content:visible, .ant-modal-content:visible').last();
  await dialog.getByRole('button', { name: `记录${name}` }).click();
  await page.locator('.haven-case-timeline li strong', { hasText: name }).last().waitFor();
}

/** Names the elements sticking out past the right edge (printed, to find what makes a phone page too wide). */
export async function logOverflow(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  if (width > 400) return;
  const culprits = await page.evaluate(
    `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${width} + 1 && getComputedStyle(e).position !== 'fixed').slice(0, 8).map((e) => e.tagName + '.' + String(e.className).slice(0, 60) + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent ?? '').slice(0, 40))`,
  );
  if (Array.isArray(culprits) && culprits.length > 0) console.log(`overflow at ${page.url()}:\n${culprits.join('\n')}`);
}
