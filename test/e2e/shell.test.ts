import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { signInAs } from '../support/session.js';
import {
  expectNoAxeViolations,
  expectNoHorizontalOverflow,
  expectPhoneTouchTargets,
  type Language,
  languages,
  openPage as openContextPage,
  resize,
  type RunningServer,
  screenshot,
  settled,
  startServer,
  switchLanguage,
  type ViewportName,
  viewports,
} from './helpers.js';

// Drives the built web shell (dist/web) as served by the real Haven server, in headless Chromium.
// Set HAVEN_E2E_URL to test an already running server instead of starting one.
// The shell is for signed-in people: these tests start signed in as the demo's administrator
// (password only, no authenticator), signed in once over HTTP and handed to each browser context.

// What a reader sees, written out here rather than read from the translation files.
const visibleText = {
  'zh-CN': {
    home: '工作台',
    databaseReachable: '连接正常',
    openMenu: '打开菜单',
    elderMode: '关怀模式',
    switchLanguage: 'English',
    login: '登录',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    // An unknown user: the server's own sentence, in the reader's language.
    loginRefused: /用户名或密码不正确/,
    skipLink: '跳到主要内容',
  },
  en: {
    home: 'Overview',
    databaseReachable: 'Connected',
    openMenu: 'Open menu',
    elderMode: 'Elder mode',
    switchLanguage: '中文',
    login: 'Sign in',
    username: 'Username',
    password: 'Password',
    usernameRequired: 'Enter your username',
    loginRefused: /Wrong username or password/,
    skipLink: 'Skip to main content',
  },
} satisfies Record<Language, Record<string, string | RegExp>>;

let server: RunningServer;
let browser: Browser;
let adminCookie: string;

beforeAll(async () => {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build:web` first');
  server = await startServer();
  [browser, adminCookie] = await Promise.all([
    launchBrowser(),
    signInAs(server.url, 'admin').then((session) => session.cookie),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface PageOptions {
  viewport: ViewportName;
  language?: Language;
  elderMode?: boolean;
  /** false: a visitor who has not signed in (the sign-in page). */
  signedIn?: boolean;
}

function openPage({ signedIn = true, ...options }: PageOptions): Promise<Page> {
  return openContextPage(browser, {
    ...options,
    baseUrl: server.url,
    sessionCookie: signedIn ? adminCookie : undefined,
  });
}

async function expectHomeShown(page: Page, language: Language): Promise<void> {
  const text = visibleText[language];
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
  await page.getByRole('heading', { level: 1, name: text.home }).waitFor();
  await page.getByText(text.databaseReachable).waitFor();
}

describe('web shell', { timeout: 300_000 }, () => {
  // One page per width, switched between the languages in place (a new page costs a load of the app):
  // axe scans each language once and each width once, the phone checks run in both languages.
  it('shows the overview with the system status at 1280 px in zh-CN, then in English chosen from the header, remembered', async () => {
    const page = await openPage({ viewport: 'desktop', language: 'zh-CN' });
    await page.goto(`${server.url}/`);
    await expectHomeShown(page, 'zh-CN');
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: visibleText['zh-CN'].home })
      .waitFor();
    await screenshot(page, 'home-zh-CN-1280');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: visibleText['zh-CN'].switchLanguage }).click();
    await expectHomeShown(page, 'en');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: visibleText.en.home })
      .waitFor();
    await screenshot(page, 'home-en-1280');
    await page.reload();
    await expectHomeShown(page, 'en');
    await page.context().close();
  });

  it('shows the overview at 390 px with the menu in a drawer, in zh-CN and in English', async () => {
    const page = await openPage({ viewport: 'phone', language: 'zh-CN' });
    await page.goto(`${server.url}/`);
    for (const language of ['zh-CN', 'en'] as const) {
      const text = visibleText[language];
      if (language === 'en') await switchLanguage(page, 'en');
      await expectHomeShown(page, language);
      await expectNoHorizontalOverflow(page);
      await expectPhoneTouchTargets(page);
      await screenshot(page, `home-${language}-390`);
      if (language === 'en') await expectNoAxeViolations(page);

      await page.getByRole('button', { name: text.openMenu }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('link', { name: text.home }).waitFor();
      await settled(page);
      await screenshot(page, `home-${language}-390-menu`);
      await expectPhoneTouchTargets(page);
      if (language === 'en') await expectNoAxeViolations(page, '.ant-drawer');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    }
    await page.context().close();
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`explains a failed sign-in in zh-CN and English at ${viewports[viewport].width} px`, async () => {
      const page = await openPage({ viewport, language: 'zh-CN', signedIn: false });
      await page.goto(`${server.url}/login`);
      for (const language of languages) {
        const text = visibleText[language];
        if (language === 'en') await switchLanguage(page, 'en');
        await page.getByRole('heading', { level: 1, name: text.login }).waitFor();
        await page.getByLabel(text.username).fill('');
        await page.getByRole('button', { name: text.login }).click();
        await page.getByText(text.usernameRequired).waitFor();

        await page.getByLabel(text.username).fill('village-director');
        await page.getByLabel(text.password, { exact: true }).fill('not-a-real-password');
        await page.getByRole('button', { name: text.login }).click();
        await page.getByRole('alert').getByText(text.loginRefused).waitFor();
        await screenshot(page, `login-${language}-${viewports[viewport].width}`);
        if (viewport === 'phone') {
          await expectNoHorizontalOverflow(page);
          await expectPhoneTouchTargets(page);
        }
        // Each language once, each width once: Chinese at 1280 px, English at 390 px.
        if ((language === 'zh-CN') === (viewport === 'desktop')) await expectNoAxeViolations(page);
      }
      await page.context().close();
    });
  }

  // A page opened before signing in asks who is signed in without a refused request, so its console
  // stays clean (a 401 there used to show as "Failed to load resource").
  it('logs no console error on the signed-out pages', async () => {
    const page = await openPage({ viewport: 'phone', language: 'zh-CN', signedIn: false });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { level: 1, name: visibleText['zh-CN'].login }).waitFor();
    await page.goto(`${server.url}/report`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // The npm Chromium has no CJK font at all, Debian's has Noto Sans CJK: on both the glyphs must come
  // from the web app's own font, so a machine without Chinese fonts shows the same page.
  it("draws Chinese with the app's own font, not the machine's", async (context) => {
    const page = await openPage({ viewport: 'desktop', language: 'zh-CN' });
    // Debian's Chromium 150 (the bookworm package some machines still install) never fetches the
    // @font-face slices that arrive after the first layout: the heading stays in Liberation Sans,
    // while the npm Chromium (153) and Debian's 156 draw it with the app's font within a second.
    // CI's npm-Chromium leg runs this test on 153 every time, so the assertion still runs there.
    const major = Number(page.context().browser()?.version().split('.')[0] ?? 0);
    if (major > 0 && major < 153) {
      await page.context().close();
      context.skip();
    }
    const fontResponses: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.woff2') && response.ok()) fontResponses.push(new URL(response.url()).pathname);
    });
    await page.goto(`${server.url}/`);
    await expectHomeShown(page, 'zh-CN');
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const headingFonts = async () => {
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'main h1' });
      return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
    };
    // The app's font stylesheet is asked for after the first render (app/theme/appFont.ts), so
    // `document.fonts.ready` can settle before it exists: wait until the heading is redrawn with it.
    await expect
      .poll(async () => (await headingFonts()).some((font) => font.isCustomFont), { timeout: 60_000, interval: 100 })
      .toBe(true);
    const fonts = await headingFonts();
    // The font files name themselves "Noto Sans SC <weight>"; a web font counts as custom, a system font not.
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts)
      expect(font).toMatchObject({ familyName: expect.stringMatching(/^Noto Sans SC\b/), isCustomFont: true });
    expect(fontResponses.length).toBeGreaterThan(0);
    expect(fontResponses.every((pathname) => pathname.startsWith('/assets/noto-sans-sc-'))).toBe(true);
    await page.context().close();
  });

  it('turns on elder mode from the header and remembers it (zh-CN at 390 px, then English at 1280 px)', async () => {
    const page = await openPage({ viewport: 'phone', language: 'zh-CN', elderMode: false });
    await page.goto(`${server.url}/`);
    await expectHomeShown(page, 'zh-CN');
    const elderSwitch = page.getByRole('switch', { name: visibleText['zh-CN'].elderMode });
    await elderSwitch.click();
    await expect.poll(() => elderSwitch.getAttribute('aria-checked')).toBe('true');
    await page.reload();
    await expectHomeShown(page, 'zh-CN');
    const fontSize = () => page.evaluate(`getComputedStyle(document.querySelector('.haven-app')).fontSize`);
    await expect.poll(fontSize).toBe('18px');
    await expectNoHorizontalOverflow(page);
    await expectPhoneTouchTargets(page);
    await screenshot(page, 'home-zh-CN-390-elder');
    await expectNoAxeViolations(page);

    await switchLanguage(page, 'en');
    await resize(page, 'desktop');
    await expectHomeShown(page, 'en');
    await expect
      .poll(() => page.getByRole('switch', { name: visibleText.en.elderMode }).getAttribute('aria-checked'))
      .toBe('true');
    await expect.poll(fontSize).toBe('18px');
    await screenshot(page, 'home-en-1280-elder');
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('moves focus to the new page heading after keyboard navigation', async () => {
    const page = await openPage({ viewport: 'desktop', language: 'zh-CN' });
    await page.goto(`${server.url}/no-such-page`);
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: visibleText['zh-CN'].home })
      .focus();
    await page.keyboard.press('Enter');
    await expectHomeShown(page, 'zh-CN');
    await expect
      .poll(() => page.evaluate('document.activeElement.tagName + " " + document.activeElement.textContent'))
      .toBe('H1 工作台');
    await page.context().close();
  });

  it('offers a skip link as the first keyboard stop', async () => {
    const page = await openPage({ viewport: 'desktop', language: 'en' });
    await page.goto(`${server.url}/`);
    await expectHomeShown(page, 'en');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate('document.activeElement.textContent')).toBe(visibleText.en.skipLink);
    await screenshot(page, 'skip-link-en-1280');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('main-content');
    await page.context().close();
  });
});
