import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/database.js';
import { createDemoDatabase } from '../../../test/support/demo-database.js';
import { monthOf, twelveMonths } from './snapshot-rules.js';

let database: TestDatabase;
beforeAll(async () => {
  // A clone of the run's demo template, which the same seedDemo built (test/support/demo-template.ts).
  database = await createDemoDatabase();
}, 120_000);
afterAll(async () => database.drop());

/** The city's stored total of an indicator for each of the last twelve months (0 where none). */
async function cityTrend(indicator: string): Promise<number[]> {
  const rows = await sql<{ month: string; value: string }>`
    SELECT to_char(month, 'YYYY-MM') AS month, value FROM insight_snapshot_totals
    WHERE level = 'city' AND division_code = '421000000000' AND indicator = ${indicator}`.execute(database.db);
  const byMonth = new Map(rows.rows.map((row) => [row.month, Number(row.value)]));
  return twelveMonths(monthOf(new Date())).map((month) => byMonth.get(month) ?? 0);
}

describe('the insight demo holds a year of history (issue 20)', () => {
  it.each([
    ['reports.received', 10],
    ['reports.ack_due', 10],
    ['reports.ack_on_time', 10],
    ['cases.open', 10],
    ['cases.step_monitoring', 10],
    // Closures trail the reports by weeks: the first month of the year has none yet.
    ['cases.closed', 9],
    // One county's applications and payment runs (the running month has no run yet).
    ['security.decision_due', 10],
    ['security.paid_yuan', 8],
  ])('%s has values in most of the last twelve months, and they move', async (indicator, months) => {
    const trend = await cityTrend(indicator);
    expect(trend.filter((value) => value > 0).length, trend.join(' ')).toBeGreaterThanOrEqual(months);
    expect(new Set(trend).size, trend.join(' ')).toBeGreaterThan(1);
  });

  it('every month of the twelve has its snapshot, the past ones final', async () => {
    const rows = await sql<{ month: string; final: boolean }>`
      SELECT to_char(month, 'YYYY-MM') AS month, final FROM insight_snapshot_months`.execute(database.db);
    const final = new Map(rows.rows.map((row) => [row.month, row.final]));
    const months = twelveMonths(monthOf(new Date()));
    expect(months.map((month) => final.get(month))).toEqual([...months.slice(0, 11).map(() => true), false]);
  });

  it('the closed cases of the history were each approved by someone other than who asked', async () => {
    const rows = await sql<{ requested: string; approved: string }>`
      SELECT r.actor_user_id AS requested, a.actor_user_id AS approved FROM case_actions a
      JOIN case_actions r ON r.case_id = a.case_id AND r.type = 'request_closure'
      WHERE a.type = 'approve_closure'`.execute(database.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows.rows) expect(row.approved).not.toBe(row.requested);
  });
});
