import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

// The real server over the real build (the test setup builds dist/web when web/ changed).
const webDir = path.resolve(import.meta.dirname, '../../../dist/web');
const immutable = 'public, max-age=31536000, immutable';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request without the automatic decompression of fetch, so the bytes on the wire can be checked. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The largest script index.html names (entry or module preload): the entry itself may be a few bytes of imports. */
function largestScript(): string {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  if (scripts.length === 0) throw new Error('dist/web/index.html names no script');
  return scripts.sort((a, b) => statSync(path.join(webDir, b)).size - statSync(path.join(webDir, a)).size)[0]!;
}

describe('serving the built web app', () => {
  let server: TestServer;
  // The rate limit as shipped (600 a minute per client), not the test servers' usual 100,000.
  beforeAll(async () => {
    server = await startTestServer({ config: { rateLimitPerMinute: 600 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends index.html for the app and its client routes, revalidated on every load, with a Chinese title and splash', async () => {
    for (const pathname of ['/', '/report', '/my-work', '/index.html']) {
      const response = await get(`${server.url}${pathname}`, { 'accept-encoding': 'gzip' });
      expect(response.status, pathname).toBe(200);
      expect(response.headers['content-type'], pathname).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], pathname).toBe('no-cache');
      const html = (
        response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.body) : response.body
      ).toString();
      expect(html).toContain('<title>Haven 困境儿童救助保护</title>');
      expect(html).toMatch(/role="status"[^>]*>[\s\S]*正在加载…/);
      expect(html).toContain('href="tel:110"');
    }
  });

  it('sends the precompressed copy the browser accepts, with Content-Encoding, Vary and a year of immutable caching', async () => {
    const script = largestScript();
    const original = readFileSync(path.join(webDir, script));
    const brotli = await get(`${server.url}${script}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['cache-control']).toBe(immutable);
    expect(brotli.body.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true);

    const gzip = await get(`${server.url}${script}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);

    // A client that accepts no encoding (or states none) gets the file as it is, still marked as varying.
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const plain = await get(`${server.url}${script}`, headers);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.headers['cache-control']).toBe(immutable);
      expect(plain.body.equals(original)).toBe(true);
    }

    const stylesheet = readdirSync(path.join(webDir, 'assets')).find((file) => file.endsWith('.css'));
    const css = await get(`${server.url}/assets/${stylesheet}`, { 'accept-encoding': 'br' });
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['content-encoding']).toBe('br');
  });

  it('does not cache what is missing, and never answers a missing asset or API path with the app', async () => {
    const missing = await get(`${server.url}/assets/index-gone123.js`, { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control'] ?? '').not.toContain('immutable');
    expect(missing.body.toString()).not.toContain('<html');
    const api = await get(`${server.url}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    const traversal = await get(`${server.url}/assets/..%2f..%2fpackage.json`);
    expect(traversal.body.toString()).not.toContain('"dependencies"');
  });

  it('serves 700 asset requests a minute to one client without 429, while its API calls are still limited', async () => {
    const assets = readdirSync(path.join(webDir, 'assets'))
      .filter((file) => /\.(js|css|woff2)$/.test(file))
      .map((file) => `/assets/${file}`);
    const statuses: number[] = [];
    for (let batch = 0; batch < 700; batch += 50) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          get(`${server.url}${assets[(batch + i) % assets.length]}`, { 'accept-encoding': 'br, gzip' }),
        ),
      );
      statuses.push(...responses.map((response) => response.status));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(statuses).toHaveLength(700);

    // The same client's API calls share the 600 a minute: some of the next 700 are refused.
    const apiStatuses: number[] = [];
    for (let batch = 0; batch < 700 && !apiStatuses.includes(429); batch += 50) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => get(`${server.url}/api/auth/me`, { 'accept-language': 'zh-CN' })),
      );
      apiStatuses.push(...responses.map((response) => response.status));
    }
    expect(apiStatuses).toContain(429);
    expect(apiStatuses.indexOf(429)).toBeGreaterThanOrEqual(550);
  });
});
