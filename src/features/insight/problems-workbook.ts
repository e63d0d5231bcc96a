import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import { fitCell } from '../../platform/spreadsheet/cells.js';
import { indicatorCodes, indicatorDefinitions, type ProblemsResult } from '../../contract/insight/problems.js';
import { indicatorLabels, problemLabels } from '../../contract/insight/labels.js';
import type { FlowsResult } from '../../contract/insight/flows.js';
import { addFlowsSheet } from './flows-workbook.js';
import './messages.js';

/**
 * The numbers of the five-problems page as a workbook: every indicator's twelve-month trend, then
 * every division one level down. What the reader sees, nothing more: a suppressed cell is written
 * as "<threshold", never as its value.
 */
export async function writeProblemsWorkbook(
  figures: ProblemsResult,
  locale: Locale,
  flows?: FlowsResult,
): Promise<Buffer> {
  const english = locale === 'en';
  const label = (entry: { zh: string; en: string }) => fitCell(english ? entry.en : entry.zh);
  const hidden = `<${figures.threshold}`;
  const cell = (value: number | null) => (value === null ? hidden : value);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(figures.asOf ?? Date.now());

  const trends = workbook.addWorksheet(translate(locale, 'insight.export.trends'), {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }],
  });
  trends.addRow([
    fitCell(
      translate(locale, 'insight.export.title', {
        name: figures.within.name ?? figures.within.code,
        at: figures.asOf?.slice(0, 10) ?? '—',
      }),
    ),
  ]).font = { bold: true };
  trends.addRow([
    translate(locale, 'insight.export.problem'),
    translate(locale, 'insight.export.indicator'),
    ...figures.months,
  ]).font = { bold: true };
  for (const indicator of figures.indicators)
    trends.addRow([
      label(problemLabels[indicatorDefinitions[indicator.code].problem]),
      label(indicatorLabels[indicator.code]),
      ...indicator.trend.map(cell),
    ]);
  trends.getColumn(1).width = 26;
  trends.getColumn(2).width = 44;

  if (figures.breakdown.level) {
    const below = workbook.addWorksheet(translate(locale, 'insight.export.breakdown'), {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
    });
    below.addRow([
      translate(locale, 'insight.export.code'),
      translate(locale, 'insight.export.division'),
      ...indicatorCodes.map((code) => label(indicatorLabels[code])),
    ]).font = { bold: true };
    for (const row of figures.breakdown.rows)
      below.addRow([row.code, fitCell(row.name ?? ''), ...row.values.map(cell)]);
    below.getColumn(1).width = 14;
    below.getColumn(2).width = 20;
  }
  if (flows) addFlowsSheet(workbook, flows, locale);
  if (figures.suppressed) {
    const note = workbook.addWorksheet(translate(locale, 'insight.export.notes'));
    note.addRow([translate(locale, 'insight.export.suppressed', { threshold: figures.threshold })]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
