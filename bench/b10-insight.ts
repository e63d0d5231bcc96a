import os from 'node:os';
import { sql } from 'kysely';
import { fillSnapshots } from '../src/features/insight/snapshot-sweep.js';
import { problemsOf } from '../src/features/insight/problems-service.js';
import { flowsOf } from '../src/features/insight/flows-service.js';
import { generateMonthlyReport } from '../src/features/insight/monthly-report.js';
import type { Actor } from '../src/platform/access/actor.js';
import { argNumber, log } from './args.js';
import { openBenchDatabase } from './db.js';
import { ms, percentile } from './stats.js';

/*
 * Benchmark 10 (issue 20): the insight snapshots and the five-problems read. Seeds `--children`
 * children in difficulty over J city's villages, registered across the last year, each with a
 * visit clock (a tenth overdue), a fifth assessed, a fiftieth placed, then times (a) the first fill
 * of twelve months of snapshots, (b) a later run (the running month only), against a same-run
 * baseline: one aggregate over the same children and clocks; (c) `problemsOf` for the city and
 * a county as a province officer, against a child primary-key lookup; and (d) `flowsOf`, the month's
 * flow tables read per request from reports (a tenth of the children reported, each with its
 * acknowledgement clock, a fifth in danger), cases (a twentieth, two thirds closed) and ended
 * rescue-station stays (a fiftieth), for the city and the county; and (e) the joint conference's
 * monthly PDF for the province and the city. Run it on its own cluster:
 *   HAVEN_BENCH_DATA_DIR=data/bench HAVEN_BENCH_PG_PORT=54354 npx tsx bench/b10-insight.ts --children 20000
 */
const children = argNumber('children', 20_000);
const repeats = argNumber('repeats', 30);
const city = '421000000000';
const county = '421002000000';
const asOf = new Date('2026-12-01T03:00:00Z');

const seconds = (start: number) => (performance.now() - start) / 1000;
const province: Actor = {
  kind: 'user',
  userId: null,
  organisationId: null,
  label: 'bench province officer',
  roles: [],
  permissions: new Set(['insight.aggregate', 'children.read']),
  jurisdiction: ['420000000000'],
  locale: 'zh-CN',
  ip: null,
  requestId: null,
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const database = await openBenchDatabase({ fresh: true, log, poolSize: 4 });
  const { db } = database;
  try {
    const seedStart = performance.now();
    const org = await sql<{ id: string }>`
      INSERT INTO organisations (name, kind, division_code) VALUES ('基准村委会', 'village_committee', ${county})
      RETURNING id`.execute(db);
    const owner = org.rows[0]!.id;
    await sql`
      WITH villages AS (
        SELECT code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM divisions
        WHERE code LIKE '4210%' AND code !~ '000$' AND valid_to IS NULL)
      INSERT INTO children (name, residence_code, hukou_code, birth_date, sex, created_at)
      SELECT '基准儿童' || g, v.code, v.code, DATE '2012-01-01' + (g % 4000), 'female',
        TIMESTAMPTZ '2025-12-01 00:00+08' + ((g % 365) || ' days')::interval
      FROM generate_series(1, ${children}) AS g JOIN villages v ON v.i = g % v.n`.execute(db);
    await sql`
      INSERT INTO child_categories (child_id, category, state, start_date)
      SELECT id, 'left_behind', 'confirmed', created_at::date FROM children`.execute(db);
    await sql`
      INSERT INTO clocks (rule, owner_org_id, subject_type, subject_id, child_id, division_code, started_at, due_at,
        state, stopped_at, escalation_hours)
      SELECT 'visit.routine', ${owner}, 'visit', id, id, residence_code, created_at, created_at + interval '30 days',
        CASE WHEN file_no::bigint % 10 = 0 THEN 'running' ELSE 'met' END,
        CASE WHEN file_no::bigint % 10 = 0 THEN NULL ELSE created_at + interval '20 days' END, '{0,72,168,336}'
      FROM children`.execute(db);
    await sql`
      INSERT INTO guardianship_assessments (child_id, assessed_on, trigger, answers, score, by_indicator,
        scored_grade, grade, risk_grade, rule_set_version, assessor_name)
      SELECT id, created_at::date + 5, 'periodic', '{}', 50, '{}', g, g, 'low', 'bench', '评估员'
      FROM (SELECT id, created_at, (array['missing','improper','insufficient','normal'])[1 + file_no::bigint % 4] AS g
        FROM children WHERE file_no::bigint % 5 = 0) c`.execute(db);
    await sql`
      INSERT INTO placements (child_id, kind, legal_basis, guardianship_type, reason, handover, division_code, started_at)
      SELECT id, 'kinship_care', 'voluntary', 'relative_guardian', '基准',
        '{"from":"a","to":"b","belongings":[],"documents":[],"notes":null}', residence_code, created_at + interval '3 days'
      FROM children WHERE file_no::bigint % 50 = 0`.execute(db);
    await seedFlows(db, owner);
    await sql`ANALYZE`.execute(db);
    log(`Seeded ${children} children (clocks, assessments, placements) in ${seconds(seedStart).toFixed(1)} s`);

    const load = os.loadavg()[0]!.toFixed(1);
    let start = performance.now();
    const first = await fillSnapshots(db, asOf);
    const firstFill = seconds(start);
    start = performance.now();
    await fillSnapshots(db, new Date(asOf.getTime() + 3_600_000));
    const laterRun = seconds(start);
    start = performance.now();
    await sql`
      SELECT c.residence_code, count(DISTINCT c.id), count(k.id) FILTER (WHERE k.stopped_at IS NULL)
      FROM children c JOIN child_categories cc ON cc.child_id = c.id JOIN clocks k ON k.child_id = c.id
      GROUP BY 1`.execute(db);
    const baseline = seconds(start);

    const read = async (within: string) => {
      await problemsOf(db, province, within);
      const times: number[] = [];
      for (let i = 0; i < repeats; i += 1) times.push(await timed(() => problemsOf(db, province, within)));
      return times;
    };
    const cityTimes = await read(city);
    const countyTimes = await read(county);
    const flows = async (within: string) => {
      const options = { month: '2026-11', now: asOf };
      await flowsOf(db, province, within, options);
      const times: number[] = [];
      for (let i = 0; i < repeats; i += 1) times.push(await timed(() => flowsOf(db, province, within, options)));
      return times;
    };
    const flowsCity = await flows(city);
    const flowsCounty = await flows(county);
    // The joint conference's report (issue 20: the province's ≤ 30 s): rendered and stored once each.
    const report = async (division: string) => {
      const reportStart = performance.now();
      await generateMonthlyReport(db, division, '2026-12', asOf, 'bench');
      return seconds(reportStart);
    };
    const reportProvince = await report('420000000000');
    const reportCity = await report(city);
    const some = await sql<{ id: string }>`SELECT id FROM children LIMIT 200`.execute(db);
    const pk: number[] = [];
    for (const { id } of some.rows)
      pk.push(await timed(() => sql`SELECT id, name FROM children WHERE id = ${id}`.execute(db)));

    const result = {
      benchmark: '10 insight snapshots, the five-problems read and the monthly report',
      children,
      snapshotRows: first.rows,
      firstFillTwelveMonthsSeconds: Number(firstFill.toFixed(2)),
      laterRunSeconds: Number(laterRun.toFixed(2)),
      baselineAggregateSeconds: Number(baseline.toFixed(2)),
      problemsCity: `p50 ${ms(percentile(cityTimes, 50))}, p95 ${ms(percentile(cityTimes, 95))}`,
      problemsCounty: `p50 ${ms(percentile(countyTimes, 50))}, p95 ${ms(percentile(countyTimes, 95))}`,
      flowsCity: `p50 ${ms(percentile(flowsCity, 50))}, p95 ${ms(percentile(flowsCity, 95))}`,
      flowsCounty: `p50 ${ms(percentile(flowsCounty, 50))}, p95 ${ms(percentile(flowsCounty, 95))}`,
      monthlyReportProvinceSeconds: Number(reportProvince.toFixed(2)),
      monthlyReportCitySeconds: Number(reportCity.toFixed(2)),
      childPkLookup: `p95 ${ms(percentile(pk, 95))}`,
      loadAverage: load,
      target:
        'page p95 ≤ 200 ms for a province officer (issue 20; the HTTP layer adds little: see 8a); the monthly report for the province ≤ 30 s',
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await database.close();
  }
}

/**
 * The rows the flow tables read: reports of a tenth of the children (channels in turn, mandated ones
 * by 200 schools), each with one acknowledgement clock (a fifth also an emergency-response clock,
 * one in seven late); a case for a twentieth, two thirds closed 0–89 days after the report; a
 * rescue-station stay for another fiftieth (not the children placed with kin), ended after 0–19 days.
 */
async function seedFlows(db: Awaited<ReturnType<typeof openBenchDatabase>>['db'], owner: string): Promise<void> {
  await sql`
    INSERT INTO organisations (name, kind, division_code)
    SELECT '基准学校' || g, 'school', ${county} FROM generate_series(1, 200) g`.execute(db);
  await sql`
    INSERT INTO organisations (name, kind, division_code, bed_capacity) VALUES ('基准救助站', 'rescue_station', ${city}, 100000)`.execute(
    db,
  );
  await sql`
    WITH schools AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM organisations WHERE kind = 'school')
    INSERT INTO reports (ref_no, channel, situations, description, child_id, division_code, immediate_danger,
      reporter_org_id, reported_at)
    SELECT 'B-' || c.file_no, (array['hotline','mandated','public','staff'])[1 + c.file_no::bigint / 10 % 4], '{6}', '基准',
      c.id, c.residence_code, c.file_no::bigint % 50 = 0,
      CASE WHEN c.file_no::bigint / 10 % 4 = 1 THEN s.id END, c.created_at + interval '1 day'
    FROM children c LEFT JOIN schools s ON s.i = c.file_no::bigint % 200
    WHERE c.file_no::bigint % 10 = 0`.execute(db);
  await sql`
    INSERT INTO clocks (rule, owner_org_id, subject_type, subject_id, report_id, child_id, division_code, started_at,
      due_at, state, stopped_at, escalation_hours)
    SELECT k.rule, ${owner}, 'report_recipient', gen_random_uuid(), r.id, r.child_id, r.division_code, r.reported_at,
      r.reported_at + k.span, CASE WHEN r.serial % 7 = 0 THEN 'missed' ELSE 'met' END,
      r.reported_at + CASE WHEN r.serial % 7 = 0 THEN k.span * 2 ELSE k.span / 2 END, '{}'
    FROM reports r CROSS JOIN (VALUES ('report.acknowledge', interval '1 hour'),
      ('report.emergency_response', interval '2 hours')) AS k(rule, span)
    WHERE k.rule = 'report.acknowledge' OR r.immediate_danger`.execute(db);
  await sql`
    INSERT INTO cases (case_no, child_id, division_code, lead_org_id, opened_at)
    SELECT 'BC-' || c.file_no, c.id, c.residence_code, ${owner}, c.created_at + interval '2 days'
    FROM children c WHERE c.file_no::bigint % 20 = 0`.execute(db);
  await sql`UPDATE reports r SET case_id = k.id FROM cases k WHERE k.child_id = r.child_id`.execute(db);
  await sql`
    INSERT INTO case_actions (case_id, seq, type, status_after, actor_label, occurred_at)
    SELECT id, 1, 'close', 'closed', '基准', opened_at + ((serial % 90) || ' days')::interval FROM cases
    WHERE serial % 3 <> 0 AND opened_at + ((serial % 90) || ' days')::interval < ${asOf}`.execute(db);
  await sql`
    INSERT INTO placements (child_id, kind, organisation_id, legal_basis, guardianship_type, reason, handover,
      division_code, started_at, ended_at)
    SELECT c.id, 'rescue_station', o.id, 'emergency', 'parents', '基准',
      '{"from":"a","to":"b","belongings":[],"documents":[],"notes":null}', c.residence_code, c.created_at,
      CASE WHEN c.created_at + ((c.file_no::bigint / 50 % 20) || ' days')::interval < ${asOf}
        THEN c.created_at + ((c.file_no::bigint / 50 % 20) || ' days')::interval END
    FROM children c CROSS JOIN (SELECT id FROM organisations WHERE kind = 'rescue_station' LIMIT 1) o
    WHERE c.file_no::bigint % 50 = 25`.execute(db);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
