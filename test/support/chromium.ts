import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

export interface ChromiumChoice {
  kind: 'system' | 'npm';
  executablePath: string;
  /** Extra launch arguments and environment this build needs. */
  args: string[];
  env: Record<string, string>;
}

const systemCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable'];
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/**
 * Which Chromium the browser tests drive. HAVEN_TEST_CHROMIUM=system|npm forces one; otherwise the
 * machine's Chromium (CHROMIUM_PATH or a usual install path) and, failing that, the npm build.
 */
export async function findChromium(): Promise<ChromiumChoice> {
  const forced = process.env.HAVEN_TEST_CHROMIUM;
  if (forced && forced !== 'system' && forced !== 'npm') {
    throw new Error(`HAVEN_TEST_CHROMIUM must be "system" or "npm", not "${forced}"`);
  }
  if (forced !== 'npm') {
    const system = systemChromium();
    if (system) return { kind: 'system', executablePath: system, args: [], env: {} };
    if (forced === 'system') {
      throw new Error(
        `No system Chromium (CHROMIUM_PATH or ${systemCandidates.join(', ')}). ` +
          'Install it (apt-get install chromium) or leave HAVEN_TEST_CHROMIUM unset to use the npm build.',
      );
    }
  }
  return npmChromium();
}

function systemChromium(): string | undefined {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH names ${named}, which does not exist`);
    return named;
  }
  return systemCandidates.find((candidate) => existsSync(candidate));
}

/**
 * @sparticuz/chromium ships a brotli-packed headless Chromium with the few libraries it needs (NSS,
 * NSPR, expat) for a bare Linux. Unpacked once per version under node_modules/.cache; a staging
 * folder renamed into place keeps two test workers from reading a half-written binary.
 */
async function npmChromium(): Promise<ChromiumChoice> {
  // The package exports only its entry (build/index.js); its folder is two levels up.
  const packageDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(root, 'node_modules/.cache/haven-chromium', version);
  if (!existsSync(path.join(dir, 'ready'))) await unpack(path.join(packageDir, 'bin'), dir);
  return {
    kind: 'npm',
    executablePath: path.join(dir, 'chromium'),
    args: ['--no-zygote'],
    env: {
      LD_LIBRARY_PATH: [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      // Only the package's own Latin font, never the machine's: Chinese must come from the web app.
      FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
    },
  };
}

async function unpack(binDir: string, dir: string): Promise<void> {
  const staging = `${dir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await pipeline(
    createReadStream(path.join(binDir, 'chromium.br')),
    createBrotliDecompress(),
    createWriteStream(path.join(staging, 'chromium')),
  );
  await chmod(path.join(staging, 'chromium'), 0o755);
  // al2023 holds lib/ (NSS, NSPR, expat); fonts holds fonts/Open_Sans; swiftshader the software GL.
  for (const archive of ['al2023.tar.br', 'fonts.tar.br', 'swiftshader.tar.br']) {
    await untar(path.join(binDir, archive), staging);
  }
  await writeFile(
    path.join(staging, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${path.join(dir, 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  await writeFile(path.join(staging, 'ready'), '');
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    await rename(staging, dir);
  } catch (error) {
    // Another worker finished first: its copy is complete, ours is not needed.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'ready'))) throw error;
  }
}

async function untar(archive: string, into: string): Promise<void> {
  const tarFile = path.join(into, `${path.basename(archive, '.br')}`);
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(tarFile));
  const tar = spawn('tar', ['-x', '-f', tarFile, '-C', into], { stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    tar.once('error', reject);
    tar.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tar -x ${archive} exited ${code}`))));
  });
  await rm(tarFile);
}
