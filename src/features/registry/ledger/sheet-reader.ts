import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import * as unzipper from 'unzipper';
import { DomainError } from '../../../platform/errors.js';
import type { LedgerFormat } from './detect.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import type { CellValue } from './values.js';

export type ReadBounds = Pick<SpreadsheetLimits, 'maxSharedStrings' | 'maxSharedStringChars' | 'maxCells'>;

export interface SheetRow {
  sheet: string;
  /** As the sheet shows it, 1-based; 0 marks the start of a sheet (no cells). */
  row: number;
  /** Index 0 is column A. */
  cells: CellValue[];
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('error' in value) return null;
    if ('result' in value) return plain((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return plain(value.text as ExcelJS.CellValue);
  }
  return null;
}

/** Counts the cells read (rows × columns as read; an empty row counts as one) against the bound. */
function cellCounter(bounds: ReadBounds): (width: number) => void {
  let cells = 0;
  return (width) => {
    cells += Math.max(width, 1);
    if (cells > bounds.maxCells) throw new DomainError('ledger.limit_cells', 413, { limit: bounds.maxCells });
  };
}

/**
 * exceljs keeps the shared strings in an array it creates when sharedStrings.xml begins and fills
 * with push(). Handing it a list that counts what is pushed bounds them while they stream, before
 * a million-fold repeated string fills the heap. (Until that moment the property stays undefined:
 * exceljs reads that as "strings not seen yet" and parks worksheets that come first.)
 */
function boundSharedStrings(reader: object, bounds: ReadBounds): void {
  let list: unknown[] | undefined;
  let chars = 0;
  const lengthOf = (item: unknown): number => {
    if (typeof item === 'string') return item.length;
    if (item && typeof item === 'object' && 'richText' in item && Array.isArray(item.richText))
      return item.richText.reduce(
        (sum: number, part: { text?: unknown }) => sum + (typeof part.text === 'string' ? part.text.length : 0),
        0,
      );
    return 0;
  };
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => list,
    set: () => {
      const fresh: unknown[] = [];
      fresh.push = (...items: unknown[]) => {
        for (const item of items) {
          if (fresh.length >= bounds.maxSharedStrings)
            throw new DomainError('ledger.limit_shared_strings', 413, { limit: bounds.maxSharedStrings });
          chars += lengthOf(item);
          if (chars > bounds.maxSharedStringChars)
            throw new DomainError('ledger.limit_shared_string_chars', 413, { limit: bounds.maxSharedStringChars });
          Array.prototype.push.call(fresh, item);
        }
        return fresh.length;
      };
      list = fresh;
    },
  });
}

/** The part parsers of exceljs's streaming reader (4.4.x), fed one part at a time below. */
interface WorkbookParts {
  _parseRels(part: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(part: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(part: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseStyles(part: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(part: AsyncIterable<Buffer>, sheetNo: string): Iterable<{ value: SheetStream }>;
}

interface SheetStream extends AsyncIterable<ExcelJS.Row> {
  name: string;
}

const worksheetPart = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The worksheets of an .xlsx, each streaming its rows. exceljs's own `WorkbookReader` reads the zip
 * in one forward pass that ends when the input has been written, and can lose the entries still
 * coming — with its own writer's files that is `xl/workbook.xml`, stored last, and the read fails
 * with "reading 'sheets'" (exceljs issue 3064; it failed Haven's demo seeding once). The whole file is
 * already in memory here, so the zip is opened by its central directory instead and exceljs's part
 * parsers get the parts in the order they depend on — relationships, workbook, shared strings,
 * styles, then the sheets by number — each part inflated as it is read. No part can be missed, and
 * no sheet is parked in a temporary file waiting for the shared strings.
 */
async function* worksheetsOf(file: Buffer, bounds: ReadBounds): AsyncGenerator<SheetStream> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  boundSharedStrings(reader, bounds);
  const parts = reader as unknown as WorkbookParts;
  const directory = await unzipper.Open.buffer(file);
  const part = (path: string) => directory.files.find((entry) => entry.path === path)?.stream();
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await parts._parseRels(rels);
  const workbook = part('xl/workbook.xml');
  if (!workbook) throw new Error('the file has no xl/workbook.xml');
  await parts._parseWorkbook(workbook);
  const sharedStrings = part('xl/sharedStrings.xml');
  if (sharedStrings) for await (const _ of parts._parseSharedStrings(sharedStrings));
  const styles = part('xl/styles.xml');
  if (styles) await parts._parseStyles(styles);
  const sheets = directory.files
    .map((entry) => ({ entry, number: worksheetPart.exec(entry.path)?.[1] }))
    .filter((sheet): sheet is { entry: unzipper.CentralDirectoryFile; number: string } => sheet.number !== undefined)
    .sort((a, b) => Number(a.number) - Number(b.number));
  for (const sheet of sheets) {
    for (const { value } of parts._parseWorksheet(sheet.entry.stream(), sheet.number)) yield value;
  }
}

/**
 * Every non-empty row of a ledger, one at a time, in this thread: the xlsx through exceljs's
 * streaming reader, the CSV through csv-parse over a decoding stream. Memory stays at one row plus
 * the shared strings, both bounded. Callers use `readLedgerRows` (read-rows.ts), which runs this
 * in a worker thread with its own heap.
 */
export async function* readRowsInThisThread(
  file: Buffer,
  format: LedgerFormat,
  csvSheetName: string,
  bounds: ReadBounds,
): AsyncGenerator<SheetRow> {
  const count = cellCounter(bounds);
  if (format.format === 'csv') {
    yield* readCsv(file, format.encoding, csvSheetName, count);
    return;
  }
  try {
    for await (const worksheet of worksheetsOf(file, bounds)) {
      // Row 0 announces the sheet, so an empty sheet is seen (and reported) too.
      yield { sheet: worksheet.name, row: 0, cells: [] };
      for await (const row of worksheet) {
        const values = row.values as ExcelJS.CellValue[];
        count(values.length - 1);
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(plain(values[i]));
        yield { sheet: worksheet.name, row: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('ledger.unreadable_workbook', 400, {
      reason: error instanceof Error ? error.message.slice(0, 200) : String(error),
    });
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

async function* readCsv(
  file: Buffer,
  encoding: 'utf-8' | 'gb18030',
  sheet: string,
  count: (width: number) => void,
): AsyncGenerator<SheetRow> {
  const parser = Readable.from(decoded(file, encoding)).pipe(
    parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }),
  );
  let row = 0;
  yield { sheet, row: 0, cells: [] };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      count(record.length);
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { sheet, row, cells: record.map((cell) => (cell.trim() === '' ? null : cell)) };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('ledger.unreadable_csv', 400, {
      row: row + 1,
      reason: error instanceof Error ? error.message.slice(0, 200) : String(error),
    });
  }
}
