import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/append.js';
import type { Database } from '../../../platform/db/schema.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { translate } from '../../../platform/i18n/translate.js';
import { fitCell } from '../../../platform/spreadsheet/cells.js';
import { batchesOf, headerOf } from './run.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { findImportFor } from './store.js';
import { cellText } from './values.js';
import './messages.js';

/** Collects a streaming workbook's bytes. */
export function workbookSink(): { stream: PassThrough; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, done };
}

/**
 * The rows that were not (or not fully) imported, with their original cells and one more column
 * saying what is wrong, for the township to correct and upload again. Text is formula-escaped.
 */
export async function importErrorWorkbook(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  locale: Locale,
  limits: SpreadsheetLimits,
): Promise<{ file: Buffer; fileName: string; rows: number }> {
  const row = await findImportFor(db, actor, id);
  const sink = workbookSink();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink.stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(translate(locale, 'ledger.errors_sheet'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const header = sheet.addRow([
    translate(locale, 'ledger.problem_column'),
    '#',
    ...row.columns.map((c) => fitCell(c.header)),
  ]);
  header.font = { bold: true };
  header.commit();
  sheet.getColumn(1).width = 50;
  let rows = 0;
  for await (const batch of await batchesOf(db, row, limits)) {
    for (const item of batch) {
      if (item.problems.length === 0) continue;
      const text = item.problems
        .map(
          (p) =>
            `${headerOf(row, p.field) ? `[${headerOf(row, p.field)}] ` : ''}${translate(locale, p.code, p.params)}`,
        )
        .join('\n');
      const cells = row.columns.map((c) => {
        const value = item.cells[c.index - 1] ?? null;
        return value instanceof Date || typeof value === 'number' ? value : fitCell(cellText(value));
      });
      sheet.addRow([fitCell(text), item.row, ...cells]).commit();
      rows += 1;
    }
  }
  sheet.commit();
  await workbook.commit();
  const file = await sink.done;
  await recordAudit(db, actor, {
    action: 'ledger.errors_export',
    entityType: 'ledger_import',
    entityId: id,
    details: { rows },
  });
  return { file, fileName: `${row.file_name.replace(/\.[^.]+$/, '')}-problems.xlsx`, rows };
}
