import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { readRowsInThisThread, type SheetRow } from './sheet-reader.js';

const bounds = { maxSharedStrings: 10_000, maxSharedStringChars: 1_000_000, maxCells: 100_000 };
const xlsx = { format: 'xlsx', encoding: null } as const;

async function twoSheetWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const children = book.addWorksheet('儿童名单');
  children.addRow(['姓名', '身份证号', '出生日期']);
  children.addRow(['李小花', '420281201503120027', new Date(Date.UTC(2015, 2, 12))]);
  children.addRow(['王"小明"\\', '420281201107150015', 2011]);
  book.addWorksheet('说明').addRow(['填表说明：每行一名儿童']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same workbook with its zip entries stored in another order (the bytes of each part unchanged). */
function reordered(file: Buffer, order: (paths: string[]) => string[]): Buffer {
  const parts = unzipSync(file);
  const again: Record<string, Uint8Array> = {};
  for (const path of order(Object.keys(parts))) again[path] = parts[path]!;
  return Buffer.from(zipSync(again));
}

async function rowsOf(file: Buffer): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRowsInThisThread(file, xlsx, 'CSV', bounds)) rows.push(row);
  return rows;
}

const last = (name: string) => (paths: string[]) => [...paths.filter((p) => p !== name), name];
const first = (name: string) => (paths: string[]) => [name, ...paths.filter((p) => p !== name)];

describe('reading an .xlsx', () => {
  it('reads every sheet, name and shared string whatever order the zip stores its parts in', async () => {
    const file = await twoSheetWorkbook();
    const expected = await rowsOf(file);
    expect(expected.map((r) => [r.sheet, r.row])).toEqual([
      ['儿童名单', 0],
      ['儿童名单', 1],
      ['儿童名单', 2],
      ['儿童名单', 3],
      ['说明', 0],
      ['说明', 1],
    ]);
    expect(expected[3]!.cells.slice(0, 2)).toEqual(['王"小明"\\', '420281201107150015']);
    // exceljs's writer stores xl/workbook.xml last: the part its one-pass reader could lose (exceljs#3064).
    expect(Object.keys(unzipSync(file)).at(-1)).toBe('xl/workbook.xml');
    for (const order of [
      last('xl/sharedStrings.xml'),
      first('xl/sharedStrings.xml'),
      first('xl/worksheets/sheet2.xml'),
      (paths: string[]) => [...paths].reverse(),
    ]) {
      expect(await rowsOf(reordered(file, order))).toEqual(expected);
    }
  });

  it('refuses a zip without a workbook part as an unreadable workbook', async () => {
    const file = reordered(await twoSheetWorkbook(), (paths) => paths.filter((p) => p !== 'xl/workbook.xml'));
    const error = await rowsOf(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ledger.unreadable_workbook');
    expect((error as DomainError).status).toBe(400);
  });
});
