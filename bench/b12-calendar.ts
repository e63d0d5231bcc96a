import { sql } from 'kysely';
import { recomputeProvisionalClocks } from '../src/core/clocks/index.js';
import { loadCalendarYear } from '../src/features/calendar/service.js';
import { systemActor } from '../src/platform/access/actor.js';
import { shippedCalendar, WorkingDayCalendar } from '../src/platform/calendar/index.js';
import { argFlag, argNumber, log } from './args.js';
import { closeKeepingPristine, openBenchDatabase } from './db.js';
import { loadAverage } from './sweep-run.js';

/*
 * Issue 18's "recomputing provisional clocks after a calendar load over 1M clocks ≤ 10 s", on a
 * synthetic set of its own (the `bench:data` set's clocks end before 2027):
 *   npx tsx bench/b12-calendar.ts --build --clocks 1000000   # fresh database, kept as the pristine copy
 *   npx tsx bench/b12-calendar.ts [--single] [--concurrency 2]  # baseline, then the load, each from the pristine copy
 * Every clock is open, counts working days and is provisional: started on a working day from
 * 23 November to 31 December 2026 with 10–60 working days, due as the shipped calendar (2027 on
 * weekends alone) puts it. The 2027 arrangement loaded moves most of them; those due in the last
 * days of 2026 keep their day and only become final. Baseline in the same run: one plain UPDATE of
 * the same rows (a day later, final).
 */
const seconds = (start: number) => (performance.now() - start) / 1000;
const round = (n: number) => Number(n.toFixed(2));

export const arrangement2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'],
  workdays: ['2027-02-14', '2027-02-20'],
};

async function build(clocks: number, children: number): Promise<void> {
  const database = await openBenchDatabase({ fresh: true, log, poolSize: 2 });
  const { db } = database;
  const start = performance.now();
  const calendar = shippedCalendar();
  const combos: { start_day: string; due_day: string }[] = [];
  for (let day = Date.UTC(2026, 10, 23); day <= Date.UTC(2026, 11, 31); day += 86_400_000) {
    const startDay = new Date(day).toISOString().slice(0, 10);
    if (!calendar.isWorkingDay(startDay).working) continue;
    for (const n of [10, 15, 20, 30, 60]) {
      const due = calendar.addWorkingDays(startDay, n);
      if (due.provisional) combos.push({ start_day: startDay, due_day: due.date });
    }
  }
  await sql`
    INSERT INTO organisations (name, kind, division_code)
    SELECT 'b12 org ' || i, 'civil_affairs', '420000000000' FROM generate_series(1, 200) AS i`.execute(db);
  await sql`
    INSERT INTO children (name, residence_code)
    SELECT 'b12 child ' || i, '421002001001' FROM generate_series(1, ${children}::int) AS i`.execute(db);
  await sql`
    WITH combos AS (
      SELECT row_number() OVER () - 1 AS k, start_day::date, due_day::date
      FROM jsonb_to_recordset(${JSON.stringify(combos)}::jsonb) AS c(start_day text, due_day text)
    ),
    orgs AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM organisations WHERE name LIKE 'b12 org %'),
    kids AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM children WHERE name LIKE 'b12 child %'),
    started AS (
    INSERT INTO clocks (rule, owner_org_id, subject_type, subject_id, child_id, division_code, started_at, due_at,
      provisional, counts_working_days, state, paused_at, escalation_hours)
    SELECT 'application.township', o.id, 'application', gen_random_uuid(), kid.id, '421002001001',
      (c.start_day + time '09:00') AT TIME ZONE 'Asia/Shanghai', (c.due_day + time '23:59:59') AT TIME ZONE 'Asia/Shanghai',
      true, true, CASE WHEN i % 10 = 0 THEN 'paused' ELSE 'running' END,
      CASE WHEN i % 10 = 0 THEN TIMESTAMPTZ '2026-12-20 10:00+08' END, '{24,72,168}'
    FROM generate_series(0, ${clocks - 1}::int) AS i
    JOIN combos c ON c.k = i % ${combos.length}
    JOIN orgs o ON o.k = i % 200
    JOIN kids kid ON kid.k = i % ${children}
    RETURNING id, state, due_at
    )
    INSERT INTO clock_escalations (clock_id, next_escalation_at)
    SELECT id, CASE WHEN state <> 'paused' THEN due_at + interval '24 hours' END FROM started`.execute(db);
  await sql`VACUUM ANALYZE`.execute(db);
  log(
    `Built ${clocks.toLocaleString('en')} provisional clocks over ${combos.length} (start, due) pairs in ${seconds(start).toFixed(1)} s`,
  );
  await closeKeepingPristine(database);
}

async function measure(): Promise<void> {
  const loadAtStart = loadAverage();
  let database = await openBenchDatabase({ fromPristine: true, log, poolSize: 4 });
  let start = performance.now();
  const baselineRows = await sql`
    WITH moved AS (
      UPDATE clocks SET due_at = due_at + interval '1 day', provisional = false
      WHERE provisional AND counts_working_days AND state IN ('running', 'paused')
      RETURNING id
    )
    UPDATE clock_escalations e SET next_escalation_at = next_escalation_at + interval '1 day'
    FROM moved m WHERE e.clock_id = m.id`.execute(database.db);
  const baseline = seconds(start);
  const loadAfterBaseline = loadAverage();
  await database.close();

  // With --single, the recompute as one statement in one transaction too (the shape before batches).
  let single: { seconds: number; changed: number } | null = null;
  if (argFlag('single')) {
    database = await openBenchDatabase({ fromPristine: true, log, poolSize: 4 });
    const before = WorkingDayCalendar.withDefaults();
    const after = before.extendedWith({ '2027': arrangement2027 });
    start = performance.now();
    const done = await database.db
      .transaction()
      .execute((trx) => recomputeProvisionalClocks(trx, { before, after }, systemActor('bench'), new Date(), 'bench'));
    single = { seconds: round(seconds(start)), changed: done.changed };
    await database.close();
  }

  database = await openBenchDatabase({ fromPristine: true, log, poolSize: 4 });
  const { db } = database;
  try {
    const before = await sql<{ n: string; children: string }>`
      SELECT count(*)::text AS n, count(DISTINCT child_id)::text AS children FROM clocks WHERE provisional`.execute(db);
    start = performance.now();
    const loaded = await loadCalendarYear(
      db,
      systemActor('bench'),
      2027,
      { ...arrangement2027, note: 'bench b12' },
      'cli',
      new Date(),
      { concurrency: argNumber('concurrency', 2) },
    );
    const loadSeconds = seconds(start);
    const counts = await sql<{ history: string; timeline: string; still: string }>`
      SELECT (SELECT count(*) FROM clock_changes)::text AS history,
        (SELECT count(*) FROM child_timeline WHERE kind = 'clock.recomputed')::text AS timeline,
        (SELECT count(*) FROM clocks WHERE provisional)::text AS still`.execute(db);
    const result = {
      benchmark: '12 calendar load over provisional clocks',
      provisionalClocks: Number(before.rows[0]!.n),
      children: Number(before.rows[0]!.children),
      calendarLoad: { seconds: round(loadSeconds), examined: loaded.examined, changed: loaded.changed },
      historyRows: Number(counts.rows[0]!.history),
      timelineEntries: Number(counts.rows[0]!.timeline),
      stillProvisional: Number(counts.rows[0]!.still),
      baselinePlainUpdate: { seconds: round(baseline), rows: baselineRows.numAffectedRows?.toString() },
      ratio: round(loadSeconds / baseline),
      concurrency: argNumber('concurrency', 2),
      singleStatement: single && { ...single, ratio: round(single.seconds / baseline) },
      loadAverage: { start: loadAtStart, afterBaseline: loadAfterBaseline, end: loadAverage(), over: '1/5/15 min' },
      target: '≤ 10 s over 1M clocks',
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await database.close();
  }
}

const main = argFlag('build') ? () => build(argNumber('clocks', 1_000_000), argNumber('children', 200_000)) : measure;
main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
