import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import type { AuditEntryView } from '../../contract/audit/audit.js';
import { chinaWallClock, fitCell } from './rules.js';
import './messages.js';

interface Column {
  key: string;
  width: number;
  value(entry: AuditEntryView, locale: Locale): string | number | Date | null;
}

const columns: readonly Column[] = [
  { key: 'id', width: 10, value: (e) => Number(e.id) },
  { key: 'time', width: 20, value: (e) => chinaWallClock(new Date(e.occurredAt)) },
  { key: 'actor', width: 28, value: (e) => e.actorLabel },
  { key: 'user', width: 38, value: (e) => e.actorUserId },
  { key: 'organisation', width: 38, value: (e) => e.actorOrgId },
  { key: 'action', width: 24, value: (e) => e.action },
  { key: 'entity_type', width: 16, value: (e) => e.entityType },
  { key: 'entity_id', width: 38, value: (e) => e.entityId },
  { key: 'child', width: 38, value: (e) => e.childId },
  { key: 'outcome', width: 10, value: (e, locale) => translate(locale, `audit.outcome.${e.outcome}`, {}) },
  { key: 'ip', width: 16, value: (e) => e.ip },
  { key: 'request', width: 38, value: (e) => e.requestId },
  { key: 'details', width: 60, value: (e) => (Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : null) },
];

export function auditColumnHeaders(locale: Locale): string[] {
  return columns.map((column) => translate(locale, `audit.column.${column.key}`));
}

export interface WorkbookNotice {
  total: number;
  cap: number;
}

/**
 * Writes the entries as one worksheet with the streaming writer (memory stays flat however many
 * rows) and returns the finished file. Every text cell goes through `fitCell`.
 */
export async function writeAuditWorkbook(
  entries: AsyncIterable<AuditEntryView>,
  locale: Locale,
  truncated: WorkbookNotice | null,
): Promise<{ file: Buffer; rows: number }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const headerRow = truncated ? 2 : 1;
  const sheet = workbook.addWorksheet(translate(locale, 'audit.export.sheet'), {
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: column.width,
    ...(column.key === 'time' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
  }));
  if (truncated) {
    const notice = sheet.addRow([
      fitCell(translate(locale, 'audit.export.truncated', { total: truncated.total, cap: truncated.cap })),
    ]);
    notice.font = { bold: true, color: { argb: 'FFC00000' } };
    notice.commit();
  }
  const header = sheet.addRow(auditColumnHeaders(locale).map(fitCell));
  header.font = { bold: true };
  header.commit();
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };

  let rows = 0;
  for await (const entry of entries) {
    const values = columns.map((column) => {
      const value = column.value(entry, locale);
      return typeof value === 'string' ? fitCell(value) : value;
    });
    sheet.addRow(values).commit();
    rows += 1;
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return { file: Buffer.concat(chunks), rows };
}
