import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { type ApiSession, errorOf } from '../../../../test/support/session.js';
import { loadConfig } from '../../../platform/config.js';
import { DomainError } from '../../../platform/errors.js';
import { runNextJob } from '../../../platform/jobs/worker.js';
import { loadFeatures } from '../../../server.js';
import { readLedgerRows } from './read-rows.js';
import type { DryRunReport, ImportBatchView } from '../../../contract/registry/ledger.js';
import { spreadsheetLimitsOf } from './spreadsheet-limits.js';
import { bombWorkbook, manyStrings, oneLongString } from './zip-bomb.test-helper.js';
import { inspectWorkbookZip } from './zip-inspect.js';

const defaults = spreadsheetLimitsOf(loadConfig({}));
const xlsx = { format: 'xlsx', encoding: null } as const;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

async function readAll(file: Buffer, limits = defaults): Promise<number> {
  let rows = 0;
  for await (const row of readLedgerRows(file, xlsx, 'x', limits)) if (row.row > 0) rows += 1;
  return rows;
}

async function ledger(rows: number, columns = 4): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['姓名', '性别', '出生日期', '所在村'].slice(0, columns));
  for (let i = 0; i < rows; i += 1)
    sheet.addRow(
      [`儿童${i}`, i % 2 ? '男' : '女', `2014-01-${String((i % 28) + 1).padStart(2, '0')}`, '沙口村'].slice(0, columns),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions));
}

describe('the zip directory is measured before any parsing', () => {
  it('refuses each kind of expansion past its limit, with the limit in the error', async () => {
    const bomb = await bombWorkbook(manyStrings(600));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const refusal = (limits: Partial<typeof defaults>) => {
      try {
        inspectWorkbookZip(bomb, { ...defaults, ...limits });
        return undefined;
      } catch (error) {
        return error as DomainError;
      }
    };
    expect(refusal({})).toMatchObject({
      code: 'ledger.limit_entry_size',
      status: 413,
      params: { entry: 'xl/sharedStrings.xml', sizeMb: 600, limitMb: 512 },
    });
    expect(refusal({ maxEntryBytes: 2 ** 31 })).toMatchObject({
      code: 'ledger.limit_compression_ratio',
      status: 413,
      params: { limit: 200 },
    });
    expect(
      refusal({ maxEntryBytes: 2 ** 31, maxCompressionRatio: 1e6, maxUncompressedBytes: 500 * 2 ** 20 }),
    ).toMatchObject({ code: 'ledger.limit_uncompressed_size', params: { limitMb: 500 } });
    expect(refusal({ maxZipEntries: 10 })).toMatchObject({ code: 'ledger.limit_zip_entries', params: { limit: 10 } });
    expect(refusal({ maxEntryBytes: 2 ** 31, maxCompressionRatio: 1e6 })).toBeUndefined();
  });

  it('passes an ordinary workbook', async () => {
    expect(inspectWorkbookZip(await ledger(200), defaults).entries).toBeGreaterThan(5);
  });
});

describe('bounds while reading (in the worker)', () => {
  it('stops at the shared strings count, their characters and the cells, each with its own code', async () => {
    const file = await ledger(30);
    expect(await readAll(file)).toBe(31);
    expect(await codeOf(readAll(file, { ...defaults, maxSharedStrings: 20 }))).toBe('ledger.limit_shared_strings');
    expect(await codeOf(readAll(file, { ...defaults, maxSharedStringChars: 50 }))).toBe(
      'ledger.limit_shared_string_chars',
    );
    expect(await codeOf(readAll(file, { ...defaults, maxCells: 100 }))).toBe('ledger.limit_cells');
  });
});

describe('bounds while reading in this thread (the CLI, whose whole heap bin/haven.js bounds)', () => {
  it('reads the same rows, stops at the same bounds, and still measures the zip first', async () => {
    const here = { ...defaults, readInThisThread: true };
    const file = await ledger(30);
    expect(await readAll(file, here)).toBe(31);
    expect(await codeOf(readAll(file, { ...here, maxSharedStrings: 20 }))).toBe('ledger.limit_shared_strings');
    expect(await codeOf(readAll(file, { ...here, maxSharedStringChars: 50 }))).toBe('ledger.limit_shared_string_chars');
    expect(await codeOf(readAll(file, { ...here, maxCells: 100 }))).toBe('ledger.limit_cells');
    expect(await codeOf(readAll(await bombWorkbook(manyStrings(600)), here))).toBe('ledger.limit_entry_size');
  });
});

describe('a zip-bomb ledger uploaded to the server', () => {
  let server: TestServer;
  let officer: ApiSession;
  beforeAll(async () => {
    // The worker's heap is lowered (and the ratio check set aside) so one test can reach the worker boundary quickly.
    server = await startTestServer({
      config: { importWorkerMemoryMb: 64, importMaxCompressionRatio: 100_000 },
    });
    // A district officer made through the factories (no demo).
    officer = await factories(server.database.db).signInAs(server.url, 'officer.shashi');
  });
  afterAll(async () => server.close());

  const upload = (body: Buffer, fileName: string) =>
    fetch(`${server.url}/api/imports?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: {
        cookie: officer.cookie,
        'x-csrf-token': officer.csrfToken,
        'content-type': 'application/octet-stream',
        'accept-language': 'en',
      },
      body,
    });
  const healthy = async () => (await fetch(`${server.url}/api/health`)).status;

  it('refuses a 600 MB-when-inflated ledger before parsing it, naming the limit, stores nothing, and keeps serving', async () => {
    const response = await upload(await bombWorkbook(manyStrings(600)), 'bomb.xlsx');
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe('ledger.limit_entry_size');
    expect(error.message).toMatch(/600 MB.*512 MB limit/);
    expect(await healthy()).toBe(200);
    expect(
      await server.database.db.selectFrom('ledger_imports').select('id').where('file_name', '=', 'bomb.xlsx').execute(),
    ).toHaveLength(0);
  });

  it('a file that needs more memory than the worker has ends the worker, not the server: a clean 413', async () => {
    const response = await upload(await bombWorkbook(oneLongString(300)), 'one-long-string.xlsx');
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe('ledger.limit_memory');
    expect(error.message).toMatch(/more than 64 MB of memory/);
    expect(await healthy()).toBe(200);
  });

  it('a ledger within the limits still uploads, checks and imports', async () => {
    const response = await upload(await ledger(5), 'fine.xlsx');
    expect(response.status).toBe(201);
    const batch = (await response.json()) as ImportBatchView;
    const report = (await (await officer.request('POST', `/api/imports/${batch.id}/dry-run`)).json()) as DryRunReport;
    expect(report.counts).toMatchObject({ rows: 5, ok: 5 });
    expect((await officer.request('POST', `/api/imports/${batch.id}/commit`)).status).toBe(202);
    while (await runNextJob(server.database.db, (await loadFeatures()).jobs)) {
      // the commit job
    }
    const done = (await (await officer.request('GET', `/api/imports/${batch.id}`)).json()) as ImportBatchView;
    expect(done).toMatchObject({ status: 'committed', progress: { createdChildren: 5 } });
  });
});
