import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const info = await stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

/** The e2e tests drive the real built web app: rebuild it when any web source is newer. */
export async function buildWebIfStale(log: (line: string) => void = () => undefined): Promise<void> {
  const index = path.join(root, 'dist/web/index.html');
  const built = await stat(index).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = await newestMtime(path.join(root, 'web'));
  if (built > sources) return;
  log('Building the web app (web/ changed since the last build)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
}
