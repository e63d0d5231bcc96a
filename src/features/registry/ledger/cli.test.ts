import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { factories } from '../../../../test/support/factories.js';
import type { Database } from '../../../platform/db/schema.js';
import { registerImportCommand } from './cli.js';
import { townshipLedger } from './fixtures.test-helper.js';
import { bombWorkbook, manyStrings } from './zip-bomb.test-helper.js';

let database: TestDatabase;
let folder: string;
const savedUrl = process.env.DATABASE_URL;
const org = '荆州市沙市区民政局';
// No demo here: the only children are the ones the ledger imports.
const namedChildren = (db: Kysely<Database>, name: string) => db.selectFrom('children').where('name', '=', name);

beforeAll(async () => {
  database = await createTestDatabase();
  // The district's civil affairs bureau, which the ledger is imported for (made through the factories).
  await factories(database.db).organisationNamed('shashiCivilAffairs');
  folder = await mkdtemp(path.join(os.tmpdir(), 'haven-import-'));
  await writeFile(path.join(folder, 'ledger.xlsx'), await townshipLedger());
  await writeFile(path.join(folder, 'fake.xlsx'), 'just some words, not a workbook\u0000');
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await rm(folder, { recursive: true, force: true });
  await database.drop();
});

async function haven(...args: string[]): Promise<{ out: string; exitCode: number | undefined }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    const program = new Command().exitOverride();
    registerImportCommand(program);
    await program.parseAsync(args, { from: 'user' });
    return { out: out.join('\n'), exitCode: process.exitCode };
  } finally {
    process.exitCode = saved;
    log.mockRestore();
    err.mockRestore();
  }
}

describe('haven import', () => {
  it('--dry-run --json prints each problem with its sheet row and stable code, imports nothing, exits 1', async () => {
    const { out, exitCode } = await haven(
      'import',
      path.join(folder, 'ledger.xlsx'),
      '--org',
      org,
      '--dry-run',
      '--json',
    );
    const report = JSON.parse(out) as {
      counts: { ok: number };
      problems: { row: number; code: string }[];
      committed: boolean;
    };
    expect(report.committed).toBe(false);
    expect(report.counts.ok).toBe(4);
    expect(report.problems).toContainEqual(expect.objectContaining({ row: 9, code: 'ledger.id_stored_as_number' }));
    expect(exitCode).toBe(1);
    expect(await namedChildren(database.db, '张伟明').select('id').execute()).toHaveLength(0);
  });

  it('commits the good rows and prints an English table; a second run creates nothing', async () => {
    const first = await haven('import', path.join(folder, 'ledger.xlsx'), '--org', org, '--lang', 'en');
    expect(first.out).toMatch(/Imported: 4 new children's files/);
    expect(first.out).toMatch(/困境儿童台账!9\t✗ 身份证号码\tThe ID number was stored as a number/);
    expect(first.out).toMatch(/^! These columns are mapped to no field and will not be imported: 序号\./m);
    const second = await haven('import', path.join(folder, 'ledger.xlsx'), '--org', org, '--lang', 'en');
    expect(second.out).toMatch(/Imported: 4 new/);
    expect(await namedChildren(database.db, '张伟明').select('id').execute()).toHaveLength(1);
  });

  it('refuses a zip-bomb ledger before reading it, naming the limit, and stores nothing', async () => {
    const file = path.join(folder, 'bomb.xlsx');
    await writeFile(file, await bombWorkbook(manyStrings(600)));
    await expect(haven('import', file, '--org', org, '--dry-run')).rejects.toMatchObject({
      code: 'ledger.limit_entry_size',
      status: 413,
      params: { sizeMb: 600, limitMb: 512 },
    });
    expect(
      await database.db.selectFrom('ledger_imports').select('id').where('file_name', '=', 'bomb.xlsx').execute(),
    ).toHaveLength(0);
  });

  it('a file that is not a ledger ends in one clear line and exit 1 (real process)', async () => {
    const bin = path.resolve(import.meta.dirname, '../../../../bin/haven.js');
    const result = await promisify(execFile)(
      process.execPath,
      [bin, 'import', path.join(folder, 'fake.xlsx'), '--org', org],
      { env: { ...process.env, DATABASE_URL: database.url } },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/fake\.xlsx/);
  });
});
