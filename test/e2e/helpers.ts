import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotPath } from '../support/browser.js';
import { profiled, profiling } from '../support/e2e-profile.js';

// Shared by the browser tests. In-page checks are written as expression strings: the server's
// tsconfig has no DOM types, and a DOM lib reference here would leak `window` and `document` into
// the server's type check.

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

export type Language = 'zh-CN' | 'en';
export const languages: Language[] = ['zh-CN', 'en'];
export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof viewports;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The real Haven server with the Jingzhou demo, or HAVEN_E2E_URL when testing a running one (its
 * demo sign-ins then in the file HAVEN_E2E_DEMO_CREDENTIALS, from `demo credentials --json`).
 */
export async function startServer(): Promise<RunningServer> {
  const external = process.env.HAVEN_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ''), close: async () => {} };
  const { startTestServer } = await import('../support/server.js');
  return startTestServer({ demo: true });
}

export interface ContextOptions {
  viewport: ViewportName;
  /** Stored as the remembered choice before the first load; omitted: the app's default. */
  language?: Language;
  elderMode?: boolean;
  /** A session cookie (`name=value`) to start signed in with. */
  sessionCookie?: string;
  baseUrl: string;
  /** 'allow' for a journey that reloads without signal (the worker serves the app shell). */
  serviceWorkers?: 'allow' | 'block';
}

export async function newContext(
  browser: Browser,
  { viewport, language, elderMode, sessionCookie, baseUrl, serviceWorkers = 'block' }: ContextOptions,
): Promise<BrowserContext> {
  const context = await profiled('new context', () =>
    browser.newContext({
      viewport: viewports[viewport],
      locale: language ?? 'zh-CN',
      // Haven's users are in China: a browser on a UTC machine would name another day than theirs after 16:00 UTC.
      timezoneId: 'Asia/Shanghai',
      isMobile: viewport === 'phone',
      hasTouch: viewport === 'phone',
      reducedMotion: 'reduce',
      // The app's service worker (web/public/sw.js) would hide requests from page.route (Playwright's advice);
      // the offline journeys block it unless they reload without signal.
      serviceWorkers,
    }),
  );
  // Every step waits on what the page shows; the ceiling leaves room for a machine loaded four times over.
  context.setDefaultTimeout(60_000);
  // Only seeds the preference, so that a choice made in the page survives a reload.
  const seeds = {
    'haven.language': language,
    'haven.elderMode': elderMode === undefined ? undefined : elderMode ? 'on' : 'off',
  };
  const seedScript = Object.entries(seeds)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        `if (localStorage.getItem(${JSON.stringify(key)}) === null) localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)});`,
    )
    .join('\n');
  // about:blank has no storage; only the app's own pages are seeded.
  await context.addInitScript({ content: `try {\n${seedScript}\n} catch {}` });
  // Uncaught errors in the page end up in the test output, where a failure can be traced to them.
  context.on('weberror', (error) => console.error(`page error: ${error.error().stack ?? error.error().message}`));
  context.on('console', (message) => {
    // A refused request (401 before signing in, say) is the app working, not an error in it.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      console.error(`console error: ${message.text().slice(0, 2000)}`);
  });
  context.on('requestfailed', (request) =>
    console.error(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  context.on('response', (response) => {
    if (response.url().includes('/assets/') && response.status() >= 400)
      console.error(`asset ${response.url()} answered ${response.status()}`);
  });
  if (profiling) {
    context.on('page', (page) => {
      const goto = page.goto.bind(page);
      page.goto = (url, options) => profiled('page.goto', () => goto(url, options));
    });
  }
  if (sessionCookie) {
    const [name = '', ...rest] = sessionCookie.split('=');
    await context.addCookies([{ name, value: rest.join('='), url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  }
  return context;
}

export async function openPage(browser: Browser, options: ContextOptions): Promise<Page> {
  return (await newContext(browser, options)).newPage();
}

/**
 * Pictures are for a person reviewing the pages, so they are taken only when asked for
 * (HAVEN_E2E_SCREENSHOTS=1, into test-results/screenshots): a full-page picture costs a loaded machine seconds.
 */
export const screenshotsWanted = process.env.HAVEN_E2E_SCREENSHOTS === '1';

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotsWanted) return;
  await profiled('screenshot', () => takeScreenshot(page, name));
}

async function takeScreenshot(page: Page, name: string): Promise<void> {
  await settled(page);
  // The app's Chinese font loads on first use (font-display: swap): a picture taken before shows the fallback.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  // Transitions finished at once, so a button fading out of its loading state is not caught mid-way.
  await page.screenshot({ path: screenshotPath(name), fullPage: true, animations: 'disabled' });
}

/** Waits until the page has drawn two frames and no CSS transition or animation is still running. */
export async function settled(page: Page): Promise<void> {
  await profiled('settled', () => waitForSettled(page));
}

async function waitForSettled(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))).then(() => resolve(undefined)))))`);
}

/** `within`: only that part of the page (a dialog over a page already scanned), which is much faster. */
export async function expectNoAxeViolations(page: Page, within?: string): Promise<void> {
  await profiled(within ? 'axe (part)' : 'axe (page)', () => runAxe(page, within));
}

async function runAxe(page: Page, within?: string): Promise<void> {
  // A notice (antd's message, in its own container since useNotice) lies over the top of the page
  // for its few seconds, and axe counts the links under it as too small a target: scan the page
  // once the notices have gone (a hovered notice stays; then the scan goes ahead and says so).
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  // The shell's header is sticky: on a page scrolled down it lies over the breadcrumb, which axe then
  // counts as too small a target. Scanned from the top, as a reader arrives.
  if (!within) await page.evaluate('window.scrollTo(0, 0)');
  // Legacy mode runs axe in the page itself; the default mode opens a new tab per scan to merge the
  // results of frames, and the app has none. axe-core stays in the document between its scans, so it
  // is injected once per page load, not per scan (an empty source when it is already there).
  const present = await page.evaluate('typeof window.axe?.run === "function"');
  const builder = new AxeBuilder({ page, ...(present ? { axeSource: ';' } : {}) })
    .setLegacyMode()
    // Only violations are read: axe then skips collecting every passing node.
    .options({ resultTypes: ['violations'] })
    .withTags(axeTags);
  const results = await (within ? builder.include(within) : builder).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(' ')} [${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}]`)
        .join(' | ')}${violation.nodes.length > 3 ? ` and ${violation.nodes.length - 3} more` : ''}`,
  );
  expect(violations).toEqual([]);
}

export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = Number(
    await profiled('overflow check', () =>
      page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ),
  );
  expect(overflow, 'page is wider than the screen').toBeLessThanOrEqual(0);
}

/**
 * Every visible control on a phone layout is at least 44 × 44 px. A label counts for its switch, and
 * a menu item for its link (antd stretches the link over the item). Controls inside a table that
 * scrolls sideways are left out: the table's own row height governs them.
 */
export async function expectPhoneTouchTargets(page: Page): Promise<void> {
  await profiled('touch targets', () => checkTouchTargets(page));
}

async function checkTouchTargets(page: Page): Promise<void> {
  // One pass in the page (a round trip per control took seconds on a loaded machine). "Visible" as
  // Playwright means it: rendered, visibility visible, a box of some size.
  const selector =
    'a[href]:not([role="menuitem"] a):not(.ant-table a), button:not(label button):not(.ant-table button), [role="menuitem"], label:has([role="switch"]), .ant-input-affix-wrapper';
  // The app asks for its Chinese font after the first render (appFont.ts) and a slice downloads only
  // when a character needs it; this machine has no CJK font of its own, so a name measured before
  // its slice arrives is a few pixels wide. Wait for the @font-face rules (pages outside the routed
  // shell, such as sign-in, never ask for them), then for the slices of the page's text.
  const fontAsked = await page
    .waitForFunction('[...document.fonts].some((face) => face.family.includes("Noto Sans SC"))', undefined, {
      timeout: 10_000,
    })
    .then(() => true)
    .catch(() => false);
  if (fontAsked)
    await page.evaluate(
      'document.fonts.load(\'400 14px "Noto Sans SC"\', document.body.innerText).then(() => document.fonts.ready).then(() => undefined, () => undefined)',
    );
  const tooSmall = await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})]
    .filter((control) => control.checkVisibility({ visibilityProperty: true }))
    .map((control) => [control, control.getBoundingClientRect()])
    .filter(([, box]) => box.width > 0 && box.height > 0)
    // The skip link waits above the page until focused.
    .filter(([, box]) => box.y + box.height >= 0)
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([control, box]) => (control.innerText.trim() || control.getAttribute('aria-label')) + ': ' +
      Math.round(box.width) + '×' + Math.round(box.height))`);
  expect(tooSmall, 'touch targets under 44 × 44 px').toEqual([]);
}

/** Switches the interface language with the header button (no reload). */
export async function switchLanguage(page: Page, to: Language): Promise<void> {
  await profiled('switch language', () => switchLanguageNow(page, to));
}

async function switchLanguageNow(page: Page, to: Language): Promise<void> {
  const label = to === 'en' ? 'English' : '中文';
  // Dispatched rather than clicked: an open drawer or dialog covers the header with its mask.
  await page.locator('.haven-preferences').getByRole('button', { name: label }).dispatchEvent('click');
  await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 60_000 }).toBe(to);
}

export async function resize(page: Page, viewport: ViewportName): Promise<void> {
  await profiled('resize', () => resizeNow(page, viewport));
}

async function resizeNow(page: Page, viewport: ViewportName): Promise<void> {
  await page.setViewportSize(viewports[viewport]);
  // The layout follows a media query: React switches between sider and drawer on the next frames.
  await settled(page);
}

/**
 * Ticks a checkbox, clicking again while it is not ticked. Debian's Chromium 150 was seen to drop
 * the first click on an antd checkbox in a drawer or dialog that had just opened (the same steps pass
 * on Chromium 153 and 156); a person would tick it again, and the assertion is that it stays ticked.
 */
export async function tick(checkbox: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        if (!(await checkbox.isChecked())) await checkbox.click();
        return checkbox.isChecked();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}
