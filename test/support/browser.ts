import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { type ChromiumChoice, findChromium } from './chromium.js';
import { profiled } from './e2e-profile.js';

export const screenshotDir = path.resolve(import.meta.dirname, '../../test-results/screenshots');

const commonArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A loaded machine must not slow the page's own timers down: the journeys wait on what they see.
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

let choice: Promise<ChromiumChoice> | undefined;

// One Chromium per test worker, kept on globalThis: workers run file after file (isolate: false)
// but load this module afresh for each (test/support/fresh-modules.ts). Launching it cost each
// browser file seconds (more under load); a file still starts with no context, page or cookie of
// the file before. Playwright kills the browser when the worker process exits.
const shared = globalThis as typeof globalThis & { havenSharedBrowser?: Promise<Browser> };

/**
 * A headless Chromium: the machine's own when it has one, otherwise the build that `npm ci` brought
 * (@sparticuz/chromium, unpacked once). HAVEN_TEST_CHROMIUM=system|npm forces either.
 *
 * The worker's Chromium, handed to one test file: its `close()` closes the contexts the file opened
 * and leaves the browser running for the worker's next file.
 */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(screenshotDir, { recursive: true });
  const running = await shared.havenSharedBrowser?.catch(() => undefined);
  if (!running?.isConnected()) shared.havenSharedBrowser = profiled('chromium launch', startChromium);
  const browser = await shared.havenSharedBrowser!;
  // A file that ended without closing its browser leaves its contexts: the next file starts clean.
  await closeContexts(browser);
  return forOneFile(browser);
}

async function startChromium(): Promise<Browser> {
  choice ??= findChromium();
  const found = await choice;
  return chromium.launch({
    executablePath: found.executablePath,
    args: [...commonArgs, ...found.args],
    env: { ...process.env, ...found.env },
  });
}

async function closeContexts(browser: Browser): Promise<void> {
  await Promise.all(browser.contexts().map((context) => context.close().catch(() => undefined)));
}

function forOneFile(browser: Browser): Browser {
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'close') return () => closeContexts(target);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function screenshotPath(name: string): string {
  return path.join(screenshotDir, `${name}.png`);
}
