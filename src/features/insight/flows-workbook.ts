import type ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import { fitCell } from '../../platform/spreadsheet/cells.js';
import { channelLabels, type FlowsResult, type ReportFlow, stayKindLabels } from '../../contract/insight/flows.js';
import './messages.js';

/**
 * The flow tables as one sheet of the page's (or a monthly report's) workbook: reports by channel
 * and by reporting organisation, report → closure days of the place and one level down, finished
 * institution stays. As the reader sees them: a suppressed cell reads "<threshold".
 */
export function addFlowsSheet(workbook: ExcelJS.Workbook, flows: FlowsResult, locale: Locale): void {
  const english = locale === 'en';
  const t = (key: string, values?: Record<string, string | number>) =>
    translate(locale, `insight.export.${key}`, values);
  const hidden = `<${flows.threshold}`;
  const cell = (value: number | null) => (value === null ? hidden : value);
  const name = flows.within.name ?? flows.within.code;
  const sheet = workbook.addWorksheet(t('flows'));
  const heading = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([fitCell(text)]).font = { bold: true };
  };
  sheet.addRow([fitCell(t('flowsTitle', { name, month: flows.month }))]).font = { bold: true };

  const reportHeader = (first: string) =>
    (sheet.addRow([
      first,
      t('received'),
      t('ackInTime'),
      t('ackRate'),
      t('emergencyDue'),
      t('emergencyInTime'),
      t('emergencyRate'),
    ]).font = { bold: true });
  const reportRow = (label: string, row: ReportFlow) =>
    sheet.addRow([
      fitCell(label),
      cell(row.received),
      cell(row.acknowledgedInTime),
      row.ackRate ?? '—',
      cell(row.emergencyDue),
      cell(row.emergencyInTime),
      row.emergencyRate ?? '—',
    ]);
  heading(t('channel'));
  reportHeader(t('channel'));
  for (const row of flows.reports.byChannel) reportRow(channelLabels[row.channel][english ? 'en' : 'zh'], row);
  reportRow(t('total'), flows.reports.total);
  heading(t('organisation'));
  reportHeader(t('organisation'));
  for (const row of flows.reports.byOrganisation)
    reportRow(
      row.organisationId === 'others'
        ? t('otherOrganisations')
        : row.organisationId === null
          ? t('noOrganisation')
          : (row.name ?? row.organisationId),
      row,
    );

  heading(t('closure', { month: flows.month }));
  sheet.addRow([t('division'), t('closed'), t('median'), t('p90')]).font = { bold: true };
  const total = flows.closure.total;
  sheet.addRow([fitCell(name), cell(total.closed), total.medianDays ?? '—', total.p90Days ?? '—']);
  for (const row of flows.closure.rows)
    sheet.addRow([fitCell(row.name ?? row.code), cell(row.closed), row.medianDays ?? '—', row.p90Days ?? '—']);

  heading(t('stays', { month: flows.month }));
  sheet.addRow([t('kind'), t('ended'), t('median'), t('p90')]).font = { bold: true };
  for (const row of flows.stays.rows)
    sheet.addRow([
      stayKindLabels[row.kind][english ? 'en' : 'zh'],
      cell(row.ended),
      row.medianDays ?? '—',
      row.p90Days ?? '—',
    ]);
  sheet.addRow([t('stationPastTen', { count: cell(flows.stays.stationPastTenDays) })]);
  sheet.getColumn(1).width = 30;
  for (const column of [2, 3, 4, 5, 6, 7]) sheet.getColumn(column).width = 16;
}
