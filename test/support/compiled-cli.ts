import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
export async function compileCli(): Promise<string> {
  const out = path.join(root, 'node_modules/.cache/haven-cli');
  const staging = `${out}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
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
    outdir: path.join(staging, 'src'),
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // `import … with { type: 'json' }` as written (Node 20 reads it; esbuild drops it for node20 otherwise).
    supported: { 'import-attributes': true },
    logLevel: 'warning',
  });
  for (const file of assets) {
    await mkdir(path.dirname(path.join(staging, 'src', file)), { recursive: true });
    await copyFile(path.join(root, 'src', file), path.join(staging, 'src', file));
  }
  // version.ts reads the version two folders up from itself.
  await copyFile(path.join(root, 'package.json'), path.join(staging, 'package.json'));
  await mkdir(path.join(staging, 'bin'), { recursive: true });
  await writeFile(
    path.join(staging, 'bin/haven.js'),
    withoutTsx(await readFile(path.join(root, 'bin/haven.js'), 'utf8')),
  );
  await rm(out, { recursive: true, force: true });
  try {
    await rename(staging, out);
  } catch (error) {
    // Another run finished first with the same sources: its copy serves.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(out, 'bin/haven.js'))) throw error;
  }
  return path.join(out, 'bin/haven.js');
}

/** The real bin with its two tsx lines replaced: fails if they change, rather than drift. */
function withoutTsx(bin: string): string {
  const lines: [string, string][] = [
    ["import { register } from 'tsx/esm/api';\n", ''],
    ["  register();\n  await import('../src/cli.ts');\n", "  await import('../src/cli.js');\n"],
  ];
  let text = bin;
  for (const [from, to] of lines) {
    if (!text.includes(from))
      throw new Error(`bin/haven.js no longer has ${JSON.stringify(from)}: update test/support/compiled-cli.ts`);
    text = text.replace(from, to);
  }
  return text;
}
