import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { PaymentChange, PaymentRunSummary } from '../../../contract/benefits/payments.js';
import { type Actor, hasPermission } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/append.js';
import type { Database } from '../../../platform/db/schema.js';
import { translate } from '../../../platform/i18n/translate.js';
import { fitCell } from '../../../platform/spreadsheet/cells.js';
import { lineOf, readRunSummary, runChanges, runLines } from './view.js';
import './messages.js';

const yuanFormat = '#,##0.00';
/** Fen to the yuan a cell shows; the exact integer fen is in its own column. */
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
const zh = 'zh-CN' as const;
const column = (key: string) => translate(zh, `benefits.payment.column.${key}`);
const benefitName = (code: string) => (code.startsWith('local.') ? code : translate(zh, `benefits.type.${code}`));

function reasonText(change: PaymentChange): string {
  const p = change.params;
  const fenText = (value: unknown) => (typeof value === 'number' ? (value / 100).toFixed(2) : '');
  return translate(zh, `benefits.payment.reason.${change.reason}`, {
    payFrom: String(p.payFrom ?? ''),
    exitReason: p.exitReason ? translate(zh, `benefits.exit_reason.${String(p.exitReason)}`) : '',
    endedOn: String(p.endedOn ?? ''),
    from: fenText(p.fromFen),
    to: fenText(p.toFen),
    months: Array.isArray(p.arrearsMonths) ? p.arrearsMonths.join('、') : '',
    amount: fenText(p.arrearsFen),
  });
}

async function writeWorkbook(
  summary: PaymentRunSummary,
  lines: AsyncIterable<ReturnType<typeof lineOf>>,
  changes: PaymentChange[],
): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const detail = workbook.addWorksheet(translate(zh, 'benefits.payment.sheet.lines'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const keys = [
    ['no', 6],
    ['county', 14],
    ['township', 14],
    ['name', 10],
    ['havenCode', 14],
    ['idNumber', 20],
    ['category', 8],
    ['benefitCode', 10],
    ['benefit', 30],
    ['month', 10],
    ['standard', 12],
    ['offset', 12],
    ['amount', 12],
    ['amountFen', 12],
    ['arrears', 8],
  ] as const;
  detail.columns = keys.map(([key, width]) => ({
    key,
    width,
    ...(['standard', 'offset', 'amount'].includes(key) ? { style: { numFmt: yuanFormat } } : {}),
  }));
  const header = detail.addRow(keys.map(([key]) => column(key)));
  header.font = { bold: true };
  header.commit();
  let n = 0;
  let total = 0;
  for await (const line of lines) {
    n += 1;
    total += line.amountFen;
    detail
      .addRow([
        n,
        fitCell(summary.countyName),
        fitCell(line.township),
        fitCell(line.childName),
        line.havenCode,
        line.idNumber,
        line.nationalCategory,
        line.benefitType,
        benefitName(line.benefitType),
        line.forMonth,
        yuan(line.standardFen),
        yuan(line.offsetFen),
        yuan(line.amountFen),
        line.amountFen,
        translate(zh, line.arrears ? 'benefits.payment.yes' : 'benefits.payment.no'),
      ])
      .commit();
  }
  const totalRow = detail.addRow([
    translate(zh, 'benefits.payment.total'),
    ...Array(11).fill(null),
    yuan(total),
    total,
  ]);
  totalRow.font = { bold: true };
  totalRow.commit();
  detail.commit();

  const changeSheet = workbook.addWorksheet(translate(zh, 'benefits.payment.sheet.changes'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const changeKeys = [
    ['no', 6],
    ['name', 10],
    ['benefitCode', 10],
    ['benefit', 30],
    ['change', 10],
    ['reason', 50],
    ['previous', 14],
    ['current', 14],
  ] as const;
  changeSheet.columns = changeKeys.map(([key, width]) => ({
    key,
    width,
    ...(['previous', 'current'].includes(key) ? { style: { numFmt: yuanFormat } } : {}),
  }));
  const changeHeader = changeSheet.addRow(changeKeys.map(([key]) => column(key)));
  changeHeader.font = { bold: true };
  changeHeader.commit();
  changes.forEach((change, index) => {
    changeSheet
      .addRow([
        index + 1,
        fitCell(change.childName),
        change.benefitType,
        benefitName(change.benefitType),
        translate(zh, `benefits.payment.change.${change.change}`),
        fitCell(reasonText(change)),
        yuan(change.previousFen),
        yuan(change.amountFen),
      ])
      .commit();
  });
  changeSheet.commit();

  const summarySheet = workbook.addWorksheet(translate(zh, 'benefits.payment.sheet.summary'));
  summarySheet.columns = [{ width: 60 }, { width: 16 }];
  for (const row of [
    [
      translate(zh, 'benefits.payment.title', {
        county: summary.countyName,
        month: summary.month,
        runNo: summary.runNo,
      }),
    ],
    [column('amount'), yuan(summary.totalFen)],
    [column('amountFen'), summary.totalFen],
    [column('arrears'), yuan(summary.arrearsFen)],
  ])
    summarySheet.addRow(row).commit();
  summarySheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * The finance office's ledger of a run (.xlsx): Chinese headers, the national category and benefit
 * codes, amounts as yuan with the exact fen beside them, the changes from last month explained.
 * ID numbers are whole only for roles holding `children.unmask`. Every download is audited.
 */
export async function paymentLedger(
  db: Kysely<Database>,
  actor: Actor,
  runId: string,
): Promise<{ file: Buffer; fileName: string; rows: number }> {
  const summary = await readRunSummary(db, actor, runId);
  const unmask = hasPermission(actor, 'children.unmask');
  const changes = await runChanges(db, actor, runId);
  let rows = 0;
  // Read in pages by keyset-free offsets of a fixed order: a county's run is tens of thousands of rows.
  async function* lines() {
    for (let offset = 0; ; offset += 5000) {
      const page = await runLines(db, actor, runId).limit(5000).offset(offset).execute();
      for (const row of page) {
        rows += 1;
        yield lineOf(row, unmask);
      }
      if (page.length < 5000) return;
    }
  }
  const file = await writeWorkbook(summary, lines(), changes);
  await recordAudit(db, actor, {
    action: 'benefit_payment_run.download',
    entityType: 'benefit_payment_run',
    entityId: runId,
    details: { runNo: summary.runNo, rows, unmasked: unmask },
  });
  return { file, fileName: `${summary.runNo}.xlsx`, rows };
}
