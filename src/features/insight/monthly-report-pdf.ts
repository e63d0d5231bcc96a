import { type Kysely, sql } from 'kysely';
import { systemActor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { chinaTime, cjkDocument } from '../../platform/pdf/cjk-document.js';
import {
  indicatorCodes,
  indicatorDefinitions,
  type ProblemsResult,
  problems,
} from '../../contract/insight/problems.js';
import { clockRuleLabel, indicatorLabels, problemLabels } from '../../contract/insight/labels.js';
import type { FlowsResult } from '../../contract/insight/flows.js';
import { problemsOf } from './problems-service.js';
import { flowsOf } from './flows-service.js';
import { drawFlowSection } from './monthly-report-flows-pdf.js';
import { divisionNames } from './problems-store.js';
import { addMonths, monthStart } from './snapshot-rules.js';
import { subtreePrefix } from '../../core/places.js';

type Doc = PDFKit.PDFDocument;
const ink = '#1f1f1f';
const grid = '#bfbfbf';
const series = '#0958d9';
const day = 86_400_000;

function shown(value: number | null): string {
  return value === null ? '<5*' : String(value);
}

function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const delta = Math.round((now - before) * 10) / 10;
  return delta === 0 ? '持平' : delta > 0 ? `+${delta}` : String(delta);
}

/** A line chart of twelve monthly values, axes and labels drawn with pdfkit's vector paths. */
function lineChart(
  doc: Doc,
  x: number,
  y: number,
  w: number,
  h: number,
  title: string,
  months: string[],
  values: (number | null)[],
) {
  doc.fillColor(ink).fontSize(9).text(title, x, y, { width: w });
  const top = y + 16;
  const plotH = h - 34;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  doc.lineWidth(0.5).strokeColor(grid);
  for (const f of [0, 0.5, 1]) {
    const gy = top + plotH - f * plotH;
    doc
      .moveTo(x + 24, gy)
      .lineTo(x + w, gy)
      .stroke();
    doc
      .fillColor(ink)
      .fontSize(6)
      .text(String(Math.round(max * f * 10) / 10), x, gy - 3, { width: 22, align: 'right' });
  }
  const step = (w - 30) / Math.max(1, months.length - 1);
  const px = (i: number) => x + 27 + i * step;
  const py = (v: number) => top + plotH - (v / max) * plotH;
  doc.lineWidth(1.5).strokeColor(series);
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    if (drawing) doc.lineTo(px(i), py(v));
    else doc.moveTo(px(i), py(v));
    drawing = true;
  });
  doc.stroke();
  values.forEach((v, i) => {
    if (v !== null) doc.circle(px(i), py(v), 1.8).fill(series);
  });
  months.forEach((m, i) => {
    if (i % 2 === 1 || i === months.length - 1)
      doc
        .fillColor(ink)
        .fontSize(6)
        .text(`${Number(m.slice(5))}月`, px(i) - 10, top + plotH + 3, { width: 20, align: 'center' });
  });
}

/** A horizontal bar chart of one value per place. */
function barChart(
  doc: Doc,
  x: number,
  y: number,
  w: number,
  title: string,
  bars: { label: string; value: number | null }[],
) {
  doc.fillColor(ink).fontSize(10).text(title, x, y, { width: w });
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  let row = y + 18;
  for (const bar of bars) {
    doc
      .fillColor(ink)
      .fontSize(8)
      .text(bar.label, x, row + 1, { width: 90 });
    const length = ((bar.value ?? 0) / max) * (w - 140);
    doc.rect(x + 94, row, Math.max(0.5, length), 9).fill(series);
    doc
      .fillColor(ink)
      .fontSize(8)
      .text(shown(bar.value), x + 98 + length, row + 1, { width: 40 });
    row += 14;
  }
  return row;
}

/**
 * The joint conference's monthly report for `month`'s meeting, in Chinese: every indicator of the
 * twelve months to the end of the month before with the change since the month before that, a
 * chart per problem, the counties compared, the oldest overdue items and the action items of the
 * conference. Counts only, small cells suppressed (the report leaves the system).
 */
export async function renderMonthlyReport(
  db: Kysely<Database>,
  city: string,
  month: string,
  at: Date,
): Promise<Buffer> {
  const last = addMonths(month, -1);
  const reporter = systemActor('insight.monthly-report');
  const [figures, flows]: [ProblemsResult, FlowsResult] = await Promise.all([
    problemsOf(db, reporter, city, { endMonth: last, suppressed: true }),
    flowsOf(db, reporter, city, { month: last, suppressed: true, now: at }),
  ]);
  const cityName = figures.within.name ?? city;
  const title = `${cityName}困境儿童关爱保护联席会议月报（${month.slice(0, 4)}年${Number(month.slice(5))}月）`;
  const { doc, finish } = cjkDocument({ size: 'A4', margin: 48, info: { Title: title } });
  doc.fillColor(ink).fontSize(16).text(title, { align: 'center' });
  const through = new Date(monthStart(month).getTime() - 1);
  doc
    .moveDown(0.3)
    .fontSize(9)
    .text(
      `数据截至 ${chinaTime(through).slice(0, 10)}；生成于 ${chinaTime(at)}；小于 ${figures.threshold} 的数不公布（标 <5*）。`,
      {
        align: 'center',
      },
    );
  doc.moveDown();

  doc.fontSize(12).text('一、指标一览（上月与前月比较）');
  doc.moveDown(0.3).fontSize(9);
  const n = figures.months.length;
  for (const problem of problems) {
    doc.fontSize(10).fillColor(ink).text(problemLabels[problem].zh);
    doc.fontSize(9);
    figures.indicators
      .filter((ind) => indicatorDefinitions[ind.code].problem === problem)
      .forEach((ind) => {
        const now = ind.trend[n - 1] ?? null;
        const before = ind.trend[n - 2] ?? null;
        doc.text(`　${indicatorLabels[ind.code].zh}：${shown(now)}（较上月 ${change(now, before)}）`);
      });
  }

  doc.addPage();
  doc.fontSize(12).fillColor(ink).text('二、十二个月趋势');
  const chartW = (doc.page.width - 96 - 20) / 2;
  const chartH = 150;
  const firstOfEach = problems.map(
    (problem) => indicatorCodes.find((code) => indicatorDefinitions[code].problem === problem)!,
  );
  const extra = ['visits.on_time_rate', 'clocks.overdue'] as const;
  [...firstOfEach, ...extra].forEach((code, index) => {
    const x = 48 + (index % 2) * (chartW + 20);
    const y = 80 + Math.floor(index / 2) * (chartH + 12);
    const ind = figures.indicators.find((i) => i.code === code)!;
    lineChart(doc, x, y, chartW, chartH, indicatorLabels[code].zh, figures.months, ind.trend);
  });

  doc.addPage();
  doc.fontSize(12).fillColor(ink).text('三、各县（市、区）比较（上月）');
  const column = (code: (typeof indicatorCodes)[number]) => indicatorCodes.indexOf(code);
  let y = barChart(
    doc,
    48,
    doc.y + 6,
    doc.page.width - 96,
    indicatorLabels['visits.overdue'].zh,
    figures.breakdown.rows.map((row) => ({
      label: row.name ?? row.code,
      value: row.values[column('visits.overdue')] ?? null,
    })),
  );
  y = barChart(
    doc,
    48,
    y + 10,
    doc.page.width - 96,
    indicatorLabels['children.in_difficulty'].zh,
    figures.breakdown.rows.map((row) => ({
      label: row.name ?? row.code,
      value: row.values[column('children.in_difficulty')] ?? null,
    })),
  );

  doc.x = 48;
  doc.y = y + 12;
  doc.fontSize(12).fillColor(ink).text('四、最久未办的逾期事项（不含姓名）');
  doc.fontSize(9);
  const oldest = await sql<{ rule: string; division_code: string; due_at: Date }>`
    SELECT rule, division_code, due_at FROM clocks
    WHERE division_code LIKE ${`${subtreePrefix(city)}%`} AND rule NOT LIKE 'test.%' AND state = 'running'
      AND stopped_at IS NULL AND due_at <= ${at}
    ORDER BY due_at LIMIT 10`.execute(db);
  const names = await divisionNames(db, [...new Set(oldest.rows.map((row) => row.division_code))]);
  if (oldest.rows.length === 0) doc.text('无。');
  oldest.rows.forEach((row, index) => {
    const days = Math.floor((at.getTime() - row.due_at.getTime()) / day);
    doc.text(
      `${index + 1}. ${clockRuleLabel(row.rule).zh}　${names.get(row.division_code) ?? row.division_code}　逾期 ${days} 天（应于 ${chinaTime(row.due_at).slice(0, 10)}）`,
    );
  });

  doc.moveDown();
  doc.fontSize(12).text('五、上次会议督办事项');
  doc.fontSize(9);
  const items = await sql<{ due_at: Date; state: string; stopped_at: Date | null }>`
    SELECT due_at, state, stopped_at FROM clocks
    WHERE rule = 'conference.action_item' AND division_code LIKE ${`${subtreePrefix(city)}%`} AND started_at < ${at}
    ORDER BY started_at DESC, due_at LIMIT 20`.execute(db);
  if (items.rows.length === 0) doc.text('无。');
  items.rows.forEach((item, index) => {
    const status =
      item.stopped_at && item.stopped_at <= at
        ? item.state === 'met'
          ? '已按时办结'
          : '已办结（逾期）'
        : item.due_at <= at
          ? `逾期未办 ${Math.floor((at.getTime() - item.due_at.getTime()) / day)} 天`
          : '办理中';
    doc.text(`${index + 1}. 督办事项，应于 ${chinaTime(item.due_at).slice(0, 10)} 办结：${status}`);
  });
  drawFlowSection(doc, flows, shown);
  return finish();
}
