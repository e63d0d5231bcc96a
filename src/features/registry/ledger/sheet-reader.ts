import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DomainError } from '../../../platform/errors.js';
import type { LedgerFormat } from './detect.js';
import type { CellValue } from './values.js';

export interface SheetRow {
  sheet: string;
  /** As the sheet shows it, 1-based; 0 marks the start of a sheet (no cells). */
  row: number;
  /** Index 0 is column A. */
  cells: CellValue[];
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('error' in value) return null;
    if ('result' in value) return plain((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return plain(value.text as ExcelJS.CellValue);
  }
  return null;
}

/**
 * Every non-empty row of a ledger, one at a time: the xlsx through exceljs's streaming reader,
 * the CSV through csv-parse over a decoding stream. Memory stays at one row, however long the file.
 */
export async function* readLedgerRows(file: Buffer, format: LedgerFormat, csvSheetName: string): AsyncGenerator<SheetRow> {
  if (format.format === 'csv') {
    yield* readCsv(file, format.encoding, csvSheetName);
    return;
  }
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const worksheet of reader) {
      const sheet = (worksheet as unknown as { name: string }).name;
      // Row 0 announces the sheet, so an empty sheet is seen (and reported) too.
      yield { sheet, row: 0, cells: [] };
      for await (const row of worksheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(plain(values[i]));
        yield { sheet, row: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('ledger.unreadable_workbook', 400, { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
}

async function* decoded(file: Buffer, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const chunk = 256 * 1024;
  for (let offset = 0; offset < file.length; offset += chunk) {
    yield decoder.decode(file.subarray(offset, offset + chunk), { stream: true });
  }
  yield decoder.decode();
}

async function* readCsv(file: Buffer, encoding: 'utf-8' | 'gb18030', sheet: string): AsyncGenerator<SheetRow> {
  const parser = Readable.from(decoded(file, encoding)).pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }));
  let row = 0;
  yield { sheet, row: 0, cells: [] };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { sheet, row, cells: record.map((cell) => (cell.trim() === '' ? null : cell)) };
    }
  } catch (error) {
    throw new DomainError('ledger.unreadable_csv', 400, { row: row + 1, reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
}
