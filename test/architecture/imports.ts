import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

export interface SourceFile {
  /** Repository-relative path, e.g. `src/features/cases/store.ts`. */
  file: string;
  source: string;
}

export async function sourceFiles(folder: string, options: { tests?: boolean } = {}): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const entry of await readdir(path.join(root, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    if (!options.tests && /\.test\.tsx?$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.push({ file: path.relative(root, full), source: await readFile(full, 'utf8') });
  }
  return files;
}

export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const match of source.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  return found;
}

/** Where an import lands, repository-relative (`src/core/clocks/store.js`), or the package name. */
export function resolveImport(file: string, specifier: string): string {
  if (specifier.startsWith('@contract/')) return `src/contract/${specifier.slice('@contract/'.length)}`;
  if (!specifier.startsWith('.')) return specifier;
  return path.relative(root, path.resolve(root, path.dirname(file), specifier));
}

/** The ring a repository path belongs to. */
export function ringOf(target: string): string {
  const [top, second, third] = target.split('/');
  if (top === 'src') {
    if (second === 'platform' && third === 'db' && target.includes('/migrations/')) return 'migrations';
    if (second === 'server.ts' || second === 'server.js') return 'root';
    return second ?? 'src';
  }
  if (top === 'web') return 'web';
  if (top === 'test' || top === 'bench' || top === 'scripts') return top;
  return 'package';
}

/** `src/features/<name>/…` → name. */
export function featureOf(target: string): string | null {
  const match = /^src\/features\/([^/]+)\//.exec(target);
  return match?.[1] ?? null;
}
