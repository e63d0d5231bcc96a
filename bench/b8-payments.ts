import { sql } from 'kysely';
import { runPayments } from '../src/features/benefits/service.js';
import { systemActor } from '../src/platform/access/actor.js';
import { argNumber, log } from './args.js';
import { openBenchDatabase } from './db.js';
import { loadAverage } from './sweep-run.js';

/*
 * Benchmark 8: a county's monthly payment run (issue 18: tens of thousands of children ≤ 10 s).
 * Seeds `--children` approved benefits in one county (a quarter of them also on the dibao add-on,
 * so the difference top-up is computed), then times the first month's run, a second month's run
 * (which compares with the first and explains the changes) and a same-run baseline: one
 * INSERT … SELECT writing as many rows from the same tables. Run it on its own cluster:
 *   HAVEN_BENCH_DATA_DIR=data/bench-b8 HAVEN_BENCH_PG_PORT=54371 npx tsx bench/b8-payments.ts --children 20000
 */
const children = argNumber('children', 20_000);
const county = '421002000000';
const village = '421002101201';

const seconds = (start: number) => (performance.now() - start) / 1000;

async function main(): Promise<void> {
  const database = await openBenchDatabase({ fresh: true, log, poolSize: 4 });
  const { db } = database;
  try {
    const seedStart = performance.now();
    await sql`
      INSERT INTO children (name, residence_code, hukou_code, birth_date, sex)
      SELECT '测试儿童' || n, ${village}, ${village}, DATE '2014-01-01' + (n % 3000), 'female'
      FROM generate_series(1, ${children}) AS n`.execute(db);
    await sql`
      INSERT INTO benefit_applications (application_no, child_id, benefit_type, division_code, received_on,
        applicant_kind, applicant_name, rules_version)
      SELECT 'B8-' || c.file_no || '-' || t.code, c.id, t.code, ${village}, DATE '2026-06-01', 'guardian', '监护人', 'default'
      FROM children c
      CROSS JOIN (VALUES ('120'), ('local.dibao_child_addon')) AS t(code)
      WHERE t.code = '120' OR c.file_no::bigint % 4 = 0`.execute(db);
    await sql`
      INSERT INTO benefit_application_actions (application_id, seq, type, status_after, payload, actor_label, occurred_at)
      SELECT id, 1, 'approve', 'approved', jsonb_build_object('payFrom', '2026-08-01', 'monthlyFen', 130000),
        'bench', TIMESTAMPTZ '2026-07-10 12:00+08'
      FROM benefit_applications`.execute(db);
    const benefits = await sql<{ n: string }>`SELECT count(*)::text AS n FROM benefit_applications`.execute(db);
    log(`Seeded ${children} children, ${benefits.rows[0]!.n} approved benefits in ${seconds(seedStart).toFixed(1)} s`);

    const actor = { ...systemActor('bench'), jurisdiction: [county] };
    const load = loadAverage();
    let start = performance.now();
    await runPayments(db, actor, { county, month: '2026-09' });
    const first = seconds(start);
    start = performance.now();
    await runPayments(db, actor, { county, month: '2026-10' });
    const second = seconds(start);
    start = performance.now();
    await runPayments(db, actor, { county, month: '2026-10' });
    const again = seconds(start);
    const lines = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM benefit_payment_lines l JOIN benefit_payment_runs r ON r.id = l.run_id
      WHERE r.month = DATE '2026-10-01'`.execute(db);
    start = performance.now();
    await sql`
      CREATE TEMP TABLE baseline AS
      SELECT a.id, a.child_id, a.benefit_type, c.birth_date, (act.payload->>'payFrom')::date AS pay_from, 130000 AS amount
      FROM benefit_applications a JOIN children c ON c.id = a.child_id
      JOIN benefit_application_actions act ON act.application_id = a.id AND act.type = 'approve'`.execute(db);
    const baseline = seconds(start);
    const result = {
      benchmark: '8 payment run',
      children,
      lines: Number(lines.rows[0]!.n),
      firstRunSeconds: Number(first.toFixed(2)),
      secondRunSeconds: Number(second.toFixed(2)),
      sameMonthAgainSeconds: Number(again.toFixed(2)),
      baselineInsertSelectSeconds: Number(baseline.toFixed(2)),
      ratio: Number((second / baseline).toFixed(1)),
      loadAverage: { start: load, end: loadAverage(), over: '1/5/15 min' },
      target: '≤ 10 s for a county (tens of thousands of children)',
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
