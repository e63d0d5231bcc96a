// Benchmark 7 (issue 14): the first load of the web app on slow 3G, in Chromium with the network
// emulated (400 kbit/s each way, 400 ms latency), from an empty cache.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.js';
import type { BenchSession } from './session.js';
import type { BenchResult } from './stats.js';

export const slow3g = { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 } as const;

export interface FirstLoad {
  jsBytes: number;
  totalBytes: number;
  requests: number;
  usableMs: number;
  /** When the last response before "usable" finished: the rest of the time went to the CPU. */
  lastByteMs: number;
  /** The longest chain of requests each discovered by the previous one's arrival (the document is 1). */
  depth: number;
  encodings: string[];
}

interface Scenario {
  label: string;
  path: string;
  session?: BenchSession;
  /** The page is usable when this element is visible and takes a click (nothing covers it, it is laid out). */
  usable: (page: Page) => ReturnType<Page['locator']>;
}

/** Sums what went over the wire (encodedDataLength: headers and the body as sent, compressed or not). */
function countTraffic(cdp: CDPSession, start: number): () => Omit<FirstLoad, 'usableMs'> {
  const types = new Map<string, string>();
  const encodings = new Set<string>();
  let jsBytes = 0;
  let totalBytes = 0;
  let requests = 0;
  let lastByteMs = 0;
  const depthOf = new Map<string, number>();
  const requestDepth = new Map<string, number>();
  // HAVEN_B7_TRACE=1: each request with its depth, initiator, and when it was asked for and done (ms).
  const trace = new Map<string, { line: string; sentMs: number; doneMs?: number; bytes?: number }>();
  cdp.on('Network.requestWillBeSent', (event) => {
    const initiator = event.initiator;
    let from = initiator.url;
    for (let stack = initiator.stack; !from && stack; stack = stack.parent) from = stack.callFrames[0]?.url;
    const depth = (from ? (depthOf.get(from) ?? 1) : 0) + 1;
    if (!depthOf.has(event.request.url)) depthOf.set(event.request.url, depth);
    requestDepth.set(event.requestId, depth);
    if (process.env.HAVEN_B7_TRACE)
      trace.set(event.requestId, {
        line: `${depth} ${initiator.type} ${new URL(event.request.url).pathname}`,
        sentMs: performance.now() - start,
      });
  });
  cdp.on('Network.responseReceived', (event) => {
    types.set(event.requestId, event.type);
    if (event.type === 'Script') {
      const encoding = Object.entries(event.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
      encodings.add(encoding ? String(encoding[1]) : 'identity');
    }
  });
  cdp.on('Network.loadingFinished', (event) => {
    requests += 1;
    lastByteMs = performance.now() - start;
    totalBytes += event.encodedDataLength;
    if (types.get(event.requestId) === 'Script') jsBytes += event.encodedDataLength;
    const traced = trace.get(event.requestId);
    if (traced) Object.assign(traced, { doneMs: lastByteMs, bytes: event.encodedDataLength });
  });
  return () => {
    for (const { line, sentMs, doneMs, bytes } of trace.values())
      console.log(
        `${sentMs.toFixed(0).padStart(6)} → ${doneMs === undefined ? '     …' : doneMs.toFixed(0).padStart(6)} ms ${kb(bytes ?? 0).padStart(6)}  ${line}`,
      );
    const depth = Math.max(0, ...requestDepth.values());
    return { jsBytes, totalBytes, requests, lastByteMs, depth, encodings: [...encodings] };
  };
}

async function firstLoad(
  browser: Browser,
  baseUrl: string,
  scenario: Scenario,
  options: { compressed: boolean; throttled: boolean },
): Promise<FirstLoad> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    // The baseline: the same build sent as the server sent it before issue 14 (no encoding at all).
    ...(options.compressed ? {} : { extraHTTPHeaders: { 'accept-encoding': 'identity' } }),
  });
  try {
    if (scenario.session) {
      const [name, value] = (scenario.session.headers.cookie ?? '').split('=', 2);
      if (!name || !value) throw new Error(`no session cookie for ${scenario.session.username}`);
      await context.addCookies([{ name, value, url: baseUrl }]);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (options.throttled) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...slow3g });
    const start = performance.now();
    const traffic = countTraffic(cdp, start);
    await page.goto(`${baseUrl}${scenario.path}`, { waitUntil: 'commit', timeout: 120_000 });
    await scenario.usable(page).first().click({ trial: true, timeout: 120_000 });
    const usableMs = performance.now() - start;
    return { ...traffic(), usableMs };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const describe = (load: FirstLoad) =>
  `JS ${kb(load.jsBytes)} (${load.encodings.join('/')}), all ${kb(load.totalBytes)} in ${load.requests} requests (${load.depth} deep), usable after ${seconds(load.usableMs)} (last byte ${seconds(load.lastByteMs)})`;

/**
 * For the public report page (signed out) and a village director's "my work": bytes of JavaScript
 * and of everything, and the time until a defined element is visible and takes a click. The
 * baseline of the same run is the same build served uncompressed (the browser accepts no encoding);
 * the smoke run measures only the compressed load, without throttling.
 */
export async function benchFirstLoad(
  baseUrl: string,
  director: BenchSession,
  options: { smoke: boolean; baseline: boolean },
): Promise<BenchResult[]> {
  const scenarios: Scenario[] = [
    {
      label: 'public report page',
      path: '/report',
      usable: (page) => page.locator('form button[type="submit"]'),
    },
    {
      label: "village director's my work",
      path: '/my-work',
      session: director,
      usable: (page) => page.locator('main h2'),
    },
  ];
  const browser = await launchBrowser();
  const results: BenchResult[] = [];
  try {
    for (const scenario of scenarios) {
      const after = await firstLoad(browser, baseUrl, scenario, { compressed: true, throttled: !options.smoke });
      const before =
        options.smoke || !options.baseline
          ? undefined
          : await firstLoad(browser, baseUrl, scenario, { compressed: false, throttled: true });
      results.push({
        name: `7 slow 3G: ${scenario.label}`,
        ran: true,
        figures: `${describe(after)}${options.smoke ? ' (not throttled: smoke)' : ''}`,
        baseline: before ? `uncompressed: ${describe(before)}` : '—',
        ratio: before
          ? `JS ×${(after.jsBytes / before.jsBytes).toFixed(2)}, time ×${(after.usableMs / before.usableMs).toFixed(2)}`
          : '—',
        target: '≤ 300 KB of JS, usable ≤ 8 s',
        met: after.jsBytes <= 300 * 1024 && (options.smoke || after.usableMs <= 8_000),
      });
    }
  } finally {
    await browser.close();
  }
  return results;
}
