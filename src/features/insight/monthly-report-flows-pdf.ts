import { channelLabels, type FlowsResult, type ReportFlow, stayKindLabels } from '../../contract/insight/flows.js';

type Doc = PDFKit.PDFDocument;
const ink = '#1f1f1f';
const rule = '#bfbfbf';

/** A small table: a header row and rows of text cells, columns of the given widths; a new page when full. */
function table(doc: Doc, widths: number[], header: string[], rows: string[][]) {
  const x0 = 48;
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    let x = x0;
    doc.fillColor(ink).fontSize(bold ? 8.5 : 8);
    cells.forEach((text, index) => {
      doc.text(text, x + 2, y + 2, { width: (widths[index] ?? 60) - 4, align: index === 0 ? 'left' : 'right' });
      x += widths[index] ?? 60;
    });
    const bottom = Math.max(doc.y, y + 12) + 2;
    doc.lineWidth(0.4).strokeColor(rule).moveTo(x0, bottom).lineTo(x, bottom).stroke();
    doc.x = x0;
    doc.y = bottom + 1;
  };
  draw(header, true);
  for (const row of rows) draw(row, false);
  doc.moveDown(0.6);
}

/**
 * Section six of the joint conference's report: the month's reports by channel and by reporting
 * organisation, days from report to closure, finished institution stays — suppressed as the rest.
 */
export function drawFlowSection(doc: Doc, flows: FlowsResult, shown: (value: number | null) => string) {
  const figure = (value: number | null) => (value === null ? '—' : String(value));
  const month = `${flows.month.slice(0, 4)}年${Number(flows.month.slice(5))}月`;
  doc.addPage();
  doc.fontSize(12).fillColor(ink).text(`六、报告流转、结案用时与机构安置（${month}）`);
  doc.moveDown(0.4);
  const reportRow = (label: string, row: ReportFlow) => [
    label,
    shown(row.received),
    shown(row.acknowledgedInTime),
    figure(row.ackRate),
    shown(row.emergencyDue),
    shown(row.emergencyInTime),
    figure(row.emergencyRate),
  ];
  const reportHeader = ['收到报告', '全部按时签收', '签收率%', '需紧急处置', '按时处置', '处置按时率%'];
  const widths = [140, 56, 64, 54, 62, 54, 69];
  doc.fontSize(10).text('（一）按报告渠道');
  table(
    doc,
    widths,
    ['渠道', ...reportHeader],
    [
      ...flows.reports.byChannel.map((row) => reportRow(channelLabels[row.channel].zh, row)),
      reportRow('合计', flows.reports.total),
    ],
  );
  doc.fontSize(10).text('（二）按报告单位');
  table(
    doc,
    widths,
    ['报告单位', ...reportHeader],
    flows.reports.byOrganisation.map((row) =>
      reportRow(
        row.organisationId === 'others'
          ? '其他单位合计'
          : row.organisationId === null
            ? '（非单位报告）'
            : (row.name ?? '—'),
        row,
      ),
    ),
  );
  doc.fontSize(10).text('（三）从收到报告到结案的天数（当月首次结案的个案；各月平均数的趋势见第一部分）');
  const total = flows.closure.total;
  table(
    doc,
    [140, 80, 90, 90],
    ['区划', '结案数', '中位数（天）', '第90百分位（天）'],
    [
      [
        `${flows.within.name ?? flows.within.code}（合计）`,
        shown(total.closed),
        figure(total.medianDays),
        figure(total.p90Days),
      ],
      ...flows.closure.rows.map((row) => [
        row.name ?? row.code,
        shown(row.closed),
        figure(row.medianDays),
        figure(row.p90Days),
      ]),
    ],
  );
  doc.fontSize(10).text('（四）当月结束的机构安置');
  table(
    doc,
    [140, 80, 90, 90],
    ['机构类型', '结束的安置', '中位数（天）', '第90百分位（天）'],
    flows.stays.rows.map((row) => [
      stayKindLabels[row.kind].zh,
      shown(row.ended),
      figure(row.medianDays),
      figure(row.p90Days),
    ]),
  );
  doc.fontSize(9).text(`救助管理站安置超过 10 天后结束：${shown(flows.stays.stationPastTenDays)}`);
}
