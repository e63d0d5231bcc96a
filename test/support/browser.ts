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

/**
 * A headless Chromium: the machine's own when it has one, otherwise the build that `npm ci` brought
 * (@sparticuz/chromium, unpacked once). HAVEN_TEST_CHROMIUM=system|npm forces either.
 */
export async function launchBrowser(): Promise<Browser> {
  choice ??= findChromium();
  const found = await choice;
  await mkdir(screenshotDir, { recursive: true });
  return profiled('chromium launch', () =>
    chromium.launch({
      executablePath: found.executablePath,
      args: [...commonArgs, ...found.args],
      env: { ...process.env, ...found.env },
    }),
  );
}

export function screenshotPath(name: string): string {
  return path.join(screenshotDir, `${name}.png`);
}
