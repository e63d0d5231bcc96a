import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Files under assets/ carry a content hash in their name (Vite), so a browser may keep them for a
 * year without asking again; everything else (index.html, favicon) is checked on every load so a
 * new release is picked up at once.
 */
const hashedAssetOptions = { maxAge: '365d', immutable: true } as const;
const revalidatedFileOptions = { maxAge: 0 } as const;

// Static files are not API calls: they are exempt from the per-client rate limit (a township
// behind one NAT reloading the app must not be refused its JavaScript) and from route access rules.
const staticRoute = { config: { access: 'public', rateLimit: false }, schema: { hide: true } } as const;

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web app; unknown non-API paths get index.html so client routes survive a reload.
 * `npm run build:web` writes a brotli (.br) and gzip (.gz) copy beside each compressible file; the
 * copy the request's Accept-Encoding prefers is sent with Content-Encoding and Vary: Accept-Encoding.
 * Only these two routes serve files: the static plugin's own per-file routes (which would be rate
 * limited and cached for 0 s) are not registered.
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<boolean> {
  if (!existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: webDir, serve: false, preCompressed: true, index: false });
  app.get('/assets/*', staticRoute, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    // Options on the send itself, not reply headers: a missing asset's 404 must not be cached for a year.
    return reply.sendFile(`assets/${file}`, hashedAssetOptions);
  });
  app.get('/*', staticRoute, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (file.startsWith('api/') || file === 'api') return reply.callNotFound();
    if (file && file !== 'index.html' && !file.includes('..') && isFile(path.join(webDir, file))) {
      return reply.sendFile(file, revalidatedFileOptions);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
  return true;
}
