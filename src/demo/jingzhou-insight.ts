import { monthlyReportSweep } from '../features/insight/monthly-report.js';
import { fillSnapshots } from '../features/insight/snapshot-sweep.js';
import { calendarInForce } from '../platform/holidays/store.js';
import { shanghaiDateOf } from '../platform/calendar/index.js';
import type { DemoSeeder } from '../platform/seed.js';

/**
 * The insight read model of the demo (issue 20): the monthly report the sweep generates on the
 * first working day of this month at 09:00 China time (numbers to the end of last month), then the
 * twelve months of snapshots as of now — both computed from the demo's own actions at their past
 * times by the real sweeps, so the trends are what the demo's history holds.
 */
export const jingzhouInsightDemo: DemoSeeder = {
  name: 'jingzhou-insight',
  async seed({ trx }, log) {
    const now = new Date();
    const calendar = await calendarInForce(trx);
    let day = `${shanghaiDateOf(now).slice(0, 7)}-01`;
    while (!calendar.isWorkingDay(day).working)
      day = shanghaiDateOf(new Date(Date.parse(`${day}T12:00:00+08:00`) + 86_400_000));
    const firstWorkingMorning = new Date(`${day}T09:00:00+08:00`);
    const reportAt = firstWorkingMorning < now ? firstWorkingMorning : now;
    const { reports } = await monthlyReportSweep.run(trx, reportAt);
    const { months, rows } = await fillSnapshots(trx, now);
    log(`  insight: ${months} months of snapshots (${rows} rows), ${reports ?? 0} monthly report(s)`);
  },
};
