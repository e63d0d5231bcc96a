import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import { fitCell } from '../../platform/spreadsheet/cells.js';
import type { RowProblem } from './columns.js';
import './messages.js';

/** A row's problems in the reader's language, each column named as the file's header names it. */
export function wordProblems(
  locale: Locale,
  columns: Record<string, string>,
  problems: readonly RowProblem[],
  unmatched: boolean,
): { code: string; column: string | null; message: string }[] {
  return [
    ...problems.map((problem) => ({
      code: problem.code,
      column: problem.column ? (columns[problem.column] ?? translate(locale, `rolls.column.${problem.column}`)) : null,
      message: translate(locale, problem.code, problem.params ?? {}),
    })),
    ...(unmatched ? [{ code: 'rolls.unmatched', column: null, message: translate(locale, 'rolls.unmatched') }] : []),
  ];
}

export interface SheetLine {
  row: number;
  outcome: 'matched' | 'unmatched' | 'invalid';
  name: string | null;
  idNumber: string | null;
  problems: { code: string; column: string | null; message: string }[];
}

/**
 * The error sheet the uploader sends back to the department: one line per problem of each invalid
 * row (the file's row number, its column, the reason in the reader's language), and the unmatched
 * rows on a second sheet. ID numbers are masked as everywhere else.
 */
export async function errorSheet(locale: Locale, fileName: string, lines: readonly SheetLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const t = (key: string) => translate(locale, `rolls.sheet.${key}`);
  const sheetOf = (title: string, withReason: boolean) => {
    const sheet = workbook.addWorksheet(t(title), { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.columns = [{ width: 8 }, { width: 14 }, { width: 22 }, ...(withReason ? [{ width: 20 }, { width: 60 }] : [])];
    sheet.addRow([fitCell(`${t('file')}: ${fileName}`)]).font = { italic: true };
    sheet.addRow([t('row'), t('name'), t('idNumber'), ...(withReason ? [t('column'), t('reason')] : [])]).font = {
      bold: true,
    };
    return sheet;
  };
  const invalid = sheetOf('invalid', true);
  for (const line of lines.filter((l) => l.outcome === 'invalid'))
    for (const problem of line.problems)
      invalid.addRow([
        line.row,
        fitCell(line.name ?? ''),
        line.idNumber ?? '',
        fitCell(problem.column ?? ''),
        fitCell(problem.message),
      ]);
  const unmatched = sheetOf('unmatched', false);
  for (const line of lines.filter((l) => l.outcome === 'unmatched'))
    unmatched.addRow([line.row, fitCell(line.name ?? ''), line.idNumber ?? '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
