import { DomainError } from '../../../platform/errors.js';
import { chooseHeader, headerScore, mapHeaderRow } from './columns.js';
import type { LedgerFormat } from './detect.js';
import type { ImportNotice, LedgerColumn, LedgerMapping, SheetSummary } from '../../../contract/registry/ledger.js';
import { readLedgerRows } from './read-rows.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { cellText } from './values.js';

/** Rows looked at for the header: title rows and a two-row header fit well within them. */
export const headRows = 40;

export interface Analysis {
  sheets: SheetSummary[];
  sheet: string;
  headerRow: number;
  mapping: LedgerMapping;
  columns: LedgerColumn[];
  notices: ImportNotice[];
  rowsTotal: number;
}

interface SheetHead {
  name: string;
  rows: number;
  head: { row: number; cells: string[] }[];
}

/**
 * One streaming pass over the file: the first rows of each sheet for the header and samples, and
 * a row count. With `choice`, the user's sheet, header row and mapping replace the detection.
 */
export async function analyseLedger(
  file: Buffer,
  format: LedgerFormat,
  csvSheetName: string,
  limits: SpreadsheetLimits,
  choice?: { sheet: string; headerRow: number; mapping: LedgerMapping },
): Promise<Analysis> {
  const sheets: SheetHead[] = [];
  for await (const { sheet, row, cells } of readLedgerRows(file, format, csvSheetName, limits)) {
    let current = sheets.at(-1);
    if (current?.name !== sheet) {
      current = { name: sheet, rows: 0, head: [] };
      sheets.push(current);
    }
    if (current.head.length >= headRows) {
      // Past the head only the count matters: no need to turn every cell into text.
      if (cells.some((cell) => cellText(cell) !== '')) current.rows += 1;
      continue;
    }
    const texts = cells.map(cellText);
    if (texts.every((t) => t === '')) continue;
    current.rows += 1;
    current.head.push({ row, cells: texts });
  }
  if (sheets.every((s) => s.rows === 0))
    throw new DomainError('ledger.empty_sheet', 400, { sheet: sheets[0]?.name ?? csvSheetName });

  const choices = sheets.map((s) => ({ sheet: s, header: chooseHeader(s.head) }));
  const summaries: SheetSummary[] = choices.map(({ sheet, header }) => ({
    name: sheet.name,
    rows: sheet.rows,
    headerRow: header?.row ?? null,
    recognised: header?.recognised ?? 0,
  }));
  const notices: ImportNotice[] = [];

  let picked: { sheet: SheetHead; headerRow: number; mapping: LedgerMapping };
  if (choice) {
    const sheet = sheets.find((s) => s.name === choice.sheet);
    if (!sheet)
      throw new DomainError('ledger.sheet_unknown', 400, { sheet: choice.sheet, sheets: sheets.map((s) => s.name) });
    if (!sheet.head.some((h) => h.row === choice.headerRow))
      throw new DomainError('ledger.header_row_invalid', 400, {
        row: choice.headerRow,
        sheet: sheet.name,
        max: sheet.head.at(-1)?.row ?? 0,
      });
    if (choice.mapping.name === undefined) throw new DomainError('ledger.mapping_needs_name', 400);
    picked = { sheet, headerRow: choice.headerRow, mapping: choice.mapping };
  } else {
    const best = choices.filter((c) => c.header).sort((a, b) => b.header!.recognised - a.header!.recognised)[0];
    if (!best?.header) {
      const withRows = sheets.find((s) => s.rows > 0)!;
      throw new DomainError('ledger.no_header', 400, { sheet: withRows.name, rows: Math.min(withRows.rows, headRows) });
    }
    picked = { sheet: best.sheet, headerRow: best.header.row, mapping: best.header.mapping };
    if (best.header.rival !== null)
      notices.push({
        code: 'ledger.notice_two_headers',
        params: { sheet: best.sheet.name, chosen: best.header.row, other: best.header.rival },
      });
    const others = choices.filter((c) => c !== best && c.header);
    if (others.length > 0)
      notices.push({
        code: 'ledger.notice_other_sheets',
        params: { sheet: best.sheet.name, others: others.map((c) => c.sheet.name).join('、') },
      });
    for (const empty of sheets.filter((s) => s.rows === 0))
      notices.push({ code: 'ledger.notice_empty_sheet', params: { sheet: empty.name } });
  }

  const head = picked.sheet.head;
  const headerIndex = head.findIndex((h) => h.row === picked.headerRow);
  const header = head[headerIndex]!;
  const above = headerIndex > 0 && head[headerIndex - 1]!.row === header.row - 1 ? head[headerIndex - 1]!.cells : [];
  const samples = head
    .slice(headerIndex + 1)
    .filter((h) => headerScore(mapHeaderRow(h.cells)) === 0)
    .slice(0, 3);
  const width = Math.max(header.cells.length, ...samples.map((s) => s.cells.length));
  const fieldAt = new Map(
    Object.entries(picked.mapping).map(([field, index]) => [index, field as keyof LedgerMapping]),
  );
  const columns: LedgerColumn[] = Array.from({ length: width }, (_, i) => ({
    index: i + 1,
    header: [above[i] && above[i] !== header.cells[i] ? above[i] : '', header.cells[i] ?? '']
      .filter(Boolean)
      .join(' / '),
    field: fieldAt.get(i + 1) ?? null,
    samples: samples.map((s) => s.cells[i] ?? ''),
  }));
  const rowsTotal = picked.sheet.rows - head.filter((h) => h.row <= picked.headerRow).length;
  return {
    sheets: summaries,
    sheet: picked.sheet.name,
    headerRow: picked.headerRow,
    mapping: picked.mapping,
    columns,
    notices,
    rowsTotal,
  };
}
