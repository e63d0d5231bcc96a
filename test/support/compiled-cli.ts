import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * `bin/haven.js` with `src/` transpiled to JavaScript once per run, for the tests that spawn the
 * CLI (test/cli). Each `haven` spawned through tsx spent ~2.3 s of CPU loading the sources (tsx
 * resolves and loads every module through its loader thread) against ~1.3 s for the same modules
 * as JavaScript; test/cli spawns it about sixty times. The same esbuild transform tsx applies, the
 * same bin (its tsx registration left out), beside the repository's node_modules and resources/.
 * `HAVEN_TEST_CLI=tsx` runs the tests through the real `bin/haven.js` instead.
 */
export async function compileCli(): Promise<{ bin: string; remove(): Promise<void> }> {
  // A folder per run, removed after it: a second run in the same tree cannot pull files from under this one.
  const cache = path.join(root, 'node_modules/.cache/haven-cli');
  await removeFoldersOfEndedRuns(cache);
  const out = path.join(cache, String(process.pid));
  await rm(out, { recursive: true, force: true });
  const sources: string[] = [];
  const assets: string[] = [];
  for (const entry of await readdir(path.join(root, 'src'), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(path.join(root, 'src'), path.join(entry.parentPath, entry.name));
    if (/\.test(-helper)?\.ts$|\.d\.ts$/.test(file)) continue;
    (file.endsWith('.ts') ? sources : assets).push(file);
  }
  const { build } = await import('esbuild');
  await build({
    entryPoints: sources.map((file) => path.join(root, 'src', file)),
    outdir: path.join(out, 'src'),
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // `import … with { type: 'json' }` as written (Node 20 reads it; esbuild drops it for node20 otherwise).
    supported: { 'import-attributes': true },
    logLevel: 'warning',
  });
  for (const file of assets) {
    await mkdir(path.dirname(path.join(out, 'src', file)), { recursive: true });
    const text = file.endsWith('.mjs') ? await readFile(path.join(root, 'src', file), 'utf8') : '';
    // A worker thread's entry registers tsx itself, as bin/haven.js does (sheet-worker.mjs).
    if (text.includes('tsx/esm/api')) await writeFile(path.join(out, 'src', file), withoutTsx(text, file));
    else await copyFile(path.join(root, 'src', file), path.join(out, 'src', file));
  }
  // version.ts reads the version two folders up from itself.
  await copyFile(path.join(root, 'package.json'), path.join(out, 'package.json'));
  await mkdir(path.join(out, 'bin'), { recursive: true });
  await writeFile(
    path.join(out, 'bin/haven.js'),
    withoutTsx(await readFile(path.join(root, 'bin/haven.js'), 'utf8'), 'bin/haven.js'),
  );
  return { bin: path.join(out, 'bin/haven.js'), remove: () => rm(out, { recursive: true, force: true }) };
}

async function removeFoldersOfEndedRuns(cache: string): Promise<void> {
  for (const name of await readdir(cache).catch(() => [])) {
    const pid = Number(name);
    let running = false;
    try {
      running = Number.isInteger(pid) && process.kill(pid, 0);
    } catch (error) {
      running = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!running) await rm(path.join(cache, name), { recursive: true, force: true });
  }
}

/**
 * An entry that registers tsx and imports a `.ts` module (bin/haven.js, a worker's `.mjs`), with the
 * registration left out and the import of the transpiled `.js`. Fails if that shape changes, rather
 * than run something else.
 */
function withoutTsx(entry: string, name: string): string {
  const text = entry
    .replace(/^import \{ register \} from 'tsx\/esm\/api';\n/m, '')
    .replace(/^ *const \{ register \} = await import\('tsx\/esm\/api'\);\n/m, '')
    .replace(/^( *)register\(\);\n/m, '')
    .replace(/await import\('(\.{1,2}\/[^']+)\.ts'\)/g, "await import('$1.js')");
  if (/tsx|register\(|\.ts'/.test(text.replace(/^\s*\/\/.*$/gm, '')))
    throw new Error(`${name} no longer registers tsx as test/support/compiled-cli.ts expects: update it`);
  return text;
}
