import { sql } from 'kysely';
import { runPayments } from '../src/features/benefits/service.js';
import { loadCalendarYear } from '../src/features/calendar/service.js';
import { systemActor } from '../src/platform/access/actor.js';
import { log } from './args.js';
import { openBenchDatabase } from './db.js';
import { loadAverage } from './sweep-run.js';

/*
 * Benchmark 8 over the `bench:data` set (issue 18, "Performance"): the benefits its confirmed
 * categories imply (orphan → 201, de facto unsupported → 120, poverty → the dibao add-on, paid
 * by difference top-up with the others), approved from August 2026. Times (a) the largest county's
 * payment run for a first and a second month, (b) the province's — every county's run for one
 * month, one after another as the county officers would start them — and (c) the 2027 holiday
 * arrangement's load, which recomputes every provisional clock. Baselines in the same run: an
 * INSERT … SELECT writing as many rows as the county run from the same tables, and an UPDATE of
 * as many clocks by primary key. Starts from the pristine copy; nothing else of `bench` is run.
 *   npx tsx bench/b8-benefits-1m.ts
 */
const seconds = (start: number) => (performance.now() - start) / 1000;
const round = (n: number) => Number(n.toFixed(2));

async function main(): Promise<void> {
  const database = await openBenchDatabase({ fromPristine: true, log, poolSize: 4 });
  const { db } = database;
  try {
    const loadAtStart = loadAverage();
    let start = performance.now();
    await sql`
      INSERT INTO benefit_applications (application_no, child_id, benefit_type, division_code, received_on,
        applicant_kind, applicant_name, rules_version)
      SELECT 'B8M-' || c.file_no || '-' || t.code, c.id, t.code, c.residence_code, DATE '2026-06-01', 'guardian',
        '监护人', 'default'
      FROM child_categories cc
      JOIN children c ON c.id = cc.child_id AND c.status = 'active'
      CROSS JOIN LATERAL (SELECT CASE cc.category WHEN 'orphan' THEN '201' WHEN 'de_facto_unsupported' THEN '120'
        ELSE 'local.dibao_child_addon' END AS code) t
      WHERE cc.state = 'confirmed' AND cc.category IN ('orphan', 'de_facto_unsupported', 'poverty')
        AND c.birth_date > DATE '2008-12-01'
      ON CONFLICT DO NOTHING`.execute(db);
    await sql`
      INSERT INTO benefit_application_actions (application_id, seq, type, status_after, payload, actor_label, occurred_at)
      SELECT id, 1, 'approve', 'approved', jsonb_build_object('payFrom', '2026-08-01'), 'bench',
        TIMESTAMPTZ '2026-07-10 12:00+08'
      FROM benefit_applications WHERE application_no LIKE 'B8M-%'`.execute(db);
    await sql`ANALYZE benefit_applications`.execute(db);
    await sql`ANALYZE benefit_application_actions`.execute(db);
    const counties = (
      await sql<{ county: string; benefits: number }>`
        SELECT left(division_code, 6) || '000000' AS county, count(*)::int AS benefits
        FROM benefit_applications WHERE application_no LIKE 'B8M-%' GROUP BY 1 ORDER BY 2 DESC`.execute(db)
    ).rows;
    const benefits = counties.reduce((sum, c) => sum + c.benefits, 0);
    log(
      `Seeded ${benefits.toLocaleString('en')} approved benefits in ${counties.length} counties in ${seconds(start).toFixed(1)} s`,
    );

    const province = { ...systemActor('bench'), jurisdiction: ['420000000000'] };
    const largest = counties[0]!;
    start = performance.now();
    await runPayments(db, province, { county: largest.county, month: '2026-10' });
    const countyFirst = seconds(start);
    start = performance.now();
    await runPayments(db, province, { county: largest.county, month: '2026-11' });
    const countySecond = seconds(start);
    const countyLines = Number(
      (
        await sql<{ n: string }>`
          SELECT line_count::text AS n FROM benefit_payment_runs
          WHERE division_code = ${largest.county} AND month = DATE '2026-11-01'`.execute(db)
      ).rows[0]!.n,
    );
    const baselines: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      start = performance.now();
      await sql`
        CREATE TEMP TABLE IF NOT EXISTS baseline AS
        SELECT a.id, a.child_id, a.benefit_type, c.birth_date, (act.payload->>'payFrom')::date AS pay_from, 130000 AS amount
        FROM benefit_applications a JOIN children c ON c.id = a.child_id
        JOIN benefit_application_actions act ON act.application_id = a.id AND act.type = 'approve'
        WHERE a.division_code LIKE ${`${largest.county.slice(0, 6)}%`} WITH NO DATA`.execute(db);
      await sql`
        INSERT INTO baseline
        SELECT a.id, a.child_id, a.benefit_type, c.birth_date, (act.payload->>'payFrom')::date, 130000
        FROM benefit_applications a JOIN children c ON c.id = a.child_id
        JOIN benefit_application_actions act ON act.application_id = a.id AND act.type = 'approve'
        CROSS JOIN generate_series(1, 4)
        WHERE a.division_code LIKE ${`${largest.county.slice(0, 6)}%`}`.execute(db);
      baselines.push(seconds(start));
      await sql`TRUNCATE baseline`.execute(db);
    }
    const baseline = baselines.sort((a, b) => a - b)[1]!;

    start = performance.now();
    let provinceLines = 0;
    for (const { county } of counties) await runPayments(db, province, { county, month: '2026-12' });
    const provinceRun = seconds(start);
    provinceLines = Number(
      (
        await sql<{
          n: string;
        }>`SELECT sum(line_count)::text AS n FROM benefit_payment_runs WHERE month = DATE '2026-12-01'`.execute(db)
      ).rows[0]!.n,
    );

    // The data set's running clocks end before 2027; as the issue's scenario asks for "1M clocks" to
    // recompute, every running clock is moved to a working-day deadline that starts in the last
    // weeks of 2026 and reaches into 2027 — provisional, as it is until 2027's arrangement is loaded.
    await sql`
      UPDATE clocks SET counts_working_days = true, provisional = true,
        started_at = TIMESTAMPTZ '2026-12-14 09:00+08' + (abs(hashtext(id::text)) % 18) * INTERVAL '1 day',
        due_at = TIMESTAMPTZ '2026-12-14 23:59:59+08' + (abs(hashtext(id::text)) % 18 + 21) * INTERVAL '1 day'
      WHERE state IN ('running', 'paused')`.execute(db);
    await sql`ANALYZE clocks`.execute(db);
    const provisional = Number(
      (await sql<{ n: string }>`SELECT count(*)::text AS n FROM clocks WHERE provisional`.execute(db)).rows[0]!.n,
    );
    const allClocks = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM clocks`.execute(db)).rows[0]!.n);
    start = performance.now();
    const loaded = await loadCalendarYear(
      db,
      systemActor('bench'),
      2027,
      {
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
        workdays: ['2027-02-14'],
        note: 'bench',
      },
      'cli',
    );
    const calendarSeconds = seconds(start);
    start = performance.now();
    await sql`
      UPDATE clocks SET due_at = due_at WHERE id IN (
        SELECT id FROM clocks WHERE state IN ('running', 'paused') LIMIT ${Math.max(1, loaded.changed)})`.execute(db);
    const clockBaseline = seconds(start);

    const result = {
      benchmark: '8 benefits over the bench set',
      children: Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM children`.execute(db)).rows[0]!.n),
      approvedBenefits: benefits,
      counties: counties.length,
      largestCounty: { code: largest.county, benefits: largest.benefits, lines: countyLines },
      countyFirstMonthSeconds: round(countyFirst),
      countySecondMonthSeconds: round(countySecond),
      countyBaselineInsertSelectSeconds: round(baseline),
      countyRatio: round(countySecond / baseline),
      provinceSeconds: round(provinceRun),
      provinceLines,
      clocks: allClocks,
      provisionalClocks: provisional,
      calendarLoad: { seconds: round(calendarSeconds), examined: loaded.examined, changed: loaded.changed },
      clockBaselineUpdateSeconds: round(clockBaseline),
      calendarRatio: round(calendarSeconds / clockBaseline),
      loadAverage: { start: loadAtStart, end: loadAverage(), over: '1/5/15 min' },
      targets: { county: '≤ 10 s', province: '≤ 60 s', calendar: '≤ 10 s over 1M clocks' },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
