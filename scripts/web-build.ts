import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Everything the build reads from the repository: the web app and the contract it imports as @contract. */
const sourceDirs = ['web', 'src/contract'];

/**
 * Packages whose installed version changes the built files (the UI kit, its icons and locales, the
 * bundled font, the framework, the bundler). `npm ci` after a version bump leaves web/ untouched, so
 * their versions are part of what the last build was made from.
 */
const buildPackages = [
  'antd',
  '@ant-design/icons',
  '@ant-design/pro-components',
  '@fontsource/noto-sans-sc',
  'dayjs',
  'i18next',
  'react',
  'react-dom',
  'react-i18next',
  'react-router',
  '@tanstack/react-query',
  'zod',
  'vite',
  '@vitejs/plugin-react',
];

// Beside dist/web, not in it: the build empties dist/web, and the server serves what is in it.
const stampFile = path.join(root, 'dist/web-build.json');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const info = await stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

async function installedVersions(): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const name of buildPackages) {
    const manifest = await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8').catch(() => null);
    versions[name] = manifest ? String((JSON.parse(manifest) as { version?: unknown }).version) : 'missing';
  }
  return versions;
}

/** Why dist/web must be built again, or null when it is up to date. */
export async function staleReason(): Promise<string | null> {
  const built = await stat(path.join(root, 'dist/web/index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built === 0) return 'dist/web has no build';
  for (const dir of sourceDirs) {
    if ((await newestMtime(path.join(root, dir))) >= built) return `${dir}/ changed since the last build`;
  }
  const stamp = await readFile(stampFile, 'utf8').catch(() => '');
  const versions = JSON.stringify(await installedVersions());
  if (stamp.trim() !== versions) return 'the installed UI, font or bundler packages differ from the last build';
  return null;
}

/** The e2e tests and `npm start` drive the real built web app: rebuild it when its inputs changed. */
export async function buildWebIfStale(log: (line: string) => void = () => undefined): Promise<void> {
  const reason = await staleReason();
  if (reason === null) return;
  log(`Building the web app (${reason})…`);
  const { build } = await import('vite');
  // Vite takes NODE_ENV from the environment over the mode: under Vitest (NODE_ENV=test) the build
  // would carry React's development code (a quarter more to download, and slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await writeFile(stampFile, JSON.stringify(await installedVersions()));
}
