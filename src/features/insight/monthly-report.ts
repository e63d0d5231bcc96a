import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Sweep } from '../../platform/jobs/sweeps.js';
import { calendarInForce } from '../../platform/holidays/store.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { levelOf, subtreePrefix } from '../../core/places.js';
import type { MonthlyReport, MonthlyReportRequest, MonthlyReportsResult } from '../../contract/insight/problems.js';
import { placeInReach, problemsOf } from './problems-service.js';
import { flowsOf } from './flows-service.js';
import { writeProblemsWorkbook } from './problems-workbook.js';
import { renderMonthlyReport } from './monthly-report-pdf.js';
import { fillSnapshots } from './snapshot-sweep.js';
import { addMonths, monthOf } from './snapshot-rules.js';
import { divisionNames } from './problems-store.js';
import './snapshot-tables.js';

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The cities whose joint conferences get a report: every city where children live. */
async function reportedCities(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`
    SELECT DISTINCT rpad(left(division_code, 4), 12, '0') AS code FROM insight_snapshots ORDER BY 1`.execute(db);
  return rows.map((row) => row.code);
}

/**
 * The report for `month`'s meeting of `division`'s joint conference (numbers to the end of the
 * month before), generated once and stored: a second call returns the stored one.
 */
export async function generateMonthlyReport(
  db: Kysely<Database>,
  division: string,
  month: string,
  at: Date,
  by: string,
): Promise<{ id: string; created: boolean }> {
  const existing = await db
    .selectFrom('insight_reports')
    .select('id')
    .where('division_code', '=', division)
    .where('month', '=', `${month}-01`)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const file = await renderMonthlyReport(db, division, month, at);
  const row = await db
    .insertInto('insight_reports')
    .values({
      division_code: division,
      month: `${month}-01`,
      generated_at: at,
      generated_by: by,
      file,
      sha256: createHash('sha256').update(file).digest('hex'),
    })
    .onConflict((oc) => oc.columns(['division_code', 'month']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, created: true };
  return generateMonthlyReport(db, division, month, at, by);
}

/**
 * On the first working day of a month (or the first run after it, if the process was down), the
 * month's report for every city's joint conference; replayable with `haven sweep --at`.
 */
export const monthlyReportSweep: Sweep = {
  name: 'insight.monthly-report',
  async run(db, asOf) {
    const month = monthOf(asOf);
    let firstDay = `${month}-01`;
    const calendar = await calendarInForce(db);
    while (!calendar.isWorkingDay(firstDay).working) firstDay = nextDate(firstDay);
    if (shanghaiDateOf(asOf) < firstDay) return { reports: 0 };
    // A run as of this month's first working day or later has finished: every city has its report,
    // so the month's snapshots are not computed again (tens of seconds at a province's size).
    const done = await db
      .selectFrom('sweep_runs')
      .select('id')
      .where('sweep', '=', 'insight.monthly-report')
      .where('finished_at', 'is not', null)
      .where('as_of', '>=', new Date(`${firstDay}T00:00:00+08:00`))
      .where('as_of', '<=', asOf)
      .limit(1)
      .executeTakeFirst();
    if (done) return { reports: 0 };
    await fillSnapshots(db, asOf);
    let reports = 0;
    for (const city of await reportedCities(db)) {
      const { created } = await generateMonthlyReport(db, city, month, asOf, 'system:insight.monthly-report');
      if (created) reports += 1;
    }
    return { reports };
  },
};

/**
 * A report asked for from the page for one place in the reader's reach and one month of the last
 * twelve (numbers to the end of the month before, which is over, so they will not change). The
 * month's report of that place is generated once; asking again returns it. Audited either way.
 */
export async function requestMonthlyReport(
  db: Kysely<Database>,
  actor: Actor,
  input: MonthlyReportRequest,
  now = new Date(),
): Promise<{ report: MonthlyReport; created: boolean }> {
  if (!levelOf(input.within) || !placeInReach(actor, input.within))
    throw notFound(translate(actor.locale, 'insight.entity.division'), input.within);
  const current = monthOf(now);
  if (input.month > current || input.month <= addMonths(current, -12))
    throw new DomainError('insight.report_month_invalid', 400, { month: input.month });
  const names = await divisionNames(db, [input.within]);
  if (!names.has(input.within)) throw notFound(translate(actor.locale, 'insight.entity.division'), input.within);
  await fillSnapshots(db, now);
  const { id, created } = await generateMonthlyReport(db, input.within, input.month, now, actor.label);
  await recordAudit(db, actor, {
    action: 'insight.report_generate',
    entityType: 'insight_report',
    entityId: id,
    details: { division: input.within, month: input.month, created },
  });
  const row = await db
    .selectFrom('insight_reports')
    .select(['generated_at', 'generated_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    created,
    report: {
      id,
      divisionCode: input.within,
      divisionName: names.get(input.within) ?? null,
      month: input.month,
      generatedAt: row.generated_at.toISOString(),
      generatedBy: row.generated_by,
    },
  };
}

/** Reports of the places the reader may see, newest first. */
export async function listMonthlyReports(db: Kysely<Database>, actor: Actor): Promise<MonthlyReportsResult> {
  const rows = await db
    .selectFrom('insight_reports')
    .select(['id', 'division_code', 'month', 'generated_at', 'generated_by'])
    .orderBy('month', 'desc')
    .orderBy('division_code')
    .limit(500)
    .execute();
  const visible = rows.filter((row) => placeInReach(actor, row.division_code));
  const names = await divisionNames(db, [...new Set(visible.map((row) => row.division_code))]);
  return {
    reports: visible.map((row) => ({
      id: row.id,
      divisionCode: row.division_code,
      divisionName: names.get(row.division_code) ?? null,
      month: row.month.slice(0, 7),
      generatedAt: row.generated_at.toISOString(),
      generatedBy: row.generated_by,
    })),
  };
}

/** One stored report's PDF; out of reach answers like a missing one. The download is audited. */
export async function monthlyReportFile(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const missing = () => notFound(translate(actor.locale, 'insight.entity.report'), id);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw missing();
  const row = await db
    .selectFrom('insight_reports')
    .select(['division_code', 'month', 'file'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !placeInReach(actor, row.division_code)) throw missing();
  await recordAudit(db, actor, {
    action: 'insight.report_download',
    entityType: 'insight_report',
    entityId: id,
    details: { division: row.division_code, month: row.month.slice(0, 7) },
  });
  return { file: row.file, fileName: `insight-${subtreePrefix(row.division_code)}-${row.month.slice(0, 7)}.pdf` };
}

/**
 * The same numbers as a stored report's PDF, as a workbook: the place's figures to the end of the
 * month before the meeting, suppressed as in the PDF. Final months do not change, so they match.
 */
export async function monthlyReportWorkbook(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<{ file: Buffer; fileName: string }> {
  const missing = () => notFound(translate(actor.locale, 'insight.entity.report'), id);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw missing();
  const row = await db
    .selectFrom('insight_reports')
    .select(['division_code', 'month'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !placeInReach(actor, row.division_code)) throw missing();
  const month = row.month.slice(0, 7);
  const reporter = systemActor('insight.monthly-report');
  const [figures, flows] = await Promise.all([
    problemsOf(db, reporter, row.division_code, { endMonth: addMonths(month, -1), suppressed: true }),
    flowsOf(db, reporter, row.division_code, { month: addMonths(month, -1), suppressed: true }),
  ]);
  const file = await writeProblemsWorkbook(figures, actor.locale, flows);
  await recordAudit(db, actor, {
    action: 'insight.report_download',
    entityType: 'insight_report',
    entityId: id,
    details: { division: row.division_code, month, format: 'xlsx' },
  });
  return { file, fileName: `insight-${subtreePrefix(row.division_code)}-${month}.xlsx` };
}
