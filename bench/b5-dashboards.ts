import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { registryCountsSweep } from '../src/features/insight/counts-sweep.js';
import type { Database } from '../src/platform/db/schema.js';
import { benchDataDir } from './db.js';
import type { BenchSession } from './session.js';
import { loadAverage, median } from './sweep-run.js';
import { type BenchResult, ms, percentile, timed } from './stats.js';

/** The two tables of issue 6, as the web asks for them: the whole province by county and by township. */
export const dashboardRequests: Record<string, string> = {
  'category × county': '/api/insight/registry-counts?within=420000000000&by=category&level=county',
  'risk × township': '/api/insight/registry-counts?within=420000000000&by=risk&level=township',
};

async function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; status: number; rows: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  const body = (await response.json()) as { rows?: unknown[] };
  return { ms: performance.now() - start, status: response.status, rows: body.rows?.length ?? 0 };
}

/**
 * Benchmark 5: the registry's dashboard counts for a province officer, over HTTP through the real
 * endpoint (session, permission, jurisdiction, suppression) reading the precomputed counts. The
 * counts are first brought up to date by their sweep (after benchmark 3's import that is real
 * work), timed separately. The first request after a recount builds the table and the server keeps
 * it until the next recount: its time is reported apart (it is the warm-up, not in the p95).
 * Baselines: a primary-key lookup over HTTP on the same server, as in 1 (the floor of any route), and
 * what the precomputed counts replace, timed in SQL: the live `count(*)` of children and the live
 * category × county GROUP BY (median of five each).
 */
export async function benchDashboards(
  db: Kysely<Database>,
  baseUrl: string,
  province: BenchSession,
  options: { repeats: number; limitSeconds: number },
): Promise<BenchResult> {
  const deadline = Date.now() + options.limitSeconds * 1000;
  const loadBefore = loadAverage();
  const recount = await timed(() => registryCountsSweep.run(db, new Date()));
  const all: number[] = [];
  const parts: string[] = [];
  let failures = 0;
  for (const [name, request] of Object.entries(dashboardRequests)) {
    const warm = await get(`${baseUrl}${request}`, province.headers);
    if (warm.status !== 200) throw new Error(`${name}: HTTP ${warm.status}`);
    const times: number[] = [];
    for (let i = 0; i < options.repeats && (i < 3 || Date.now() < deadline); i += 1) {
      const r = await get(`${baseUrl}${request}`, province.headers);
      if (r.status !== 200) failures += 1;
      times.push(r.ms);
    }
    all.push(...times);
    parts.push(
      `${name} p95 ${ms(percentile(times, 95))} (${warm.rows} rows, ${times.length} runs; the first after the recount, which builds the table the next ones reuse: ${ms(warm.ms)})`,
    );
  }
  // What the endpoint reads, for the notes.
  const plan = await sql<{ 'QUERY PLAN': string }>`
    EXPLAIN (ANALYZE, BUFFERS) SELECT division_code, value, n FROM registry_counts
    WHERE level = 'township' AND division_code >= '42' AND division_code < '42:' AND dimension = 'risk'`.execute(db);
  await writeFile(
    path.join(benchDataDir, 'explain-dashboards.txt'),
    `-- risk × township from registry_counts\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
  );
  const ids = (await sql<{ id: string }>`SELECT id FROM children ORDER BY file_no DESC LIMIT 50`.execute(db)).rows.map(
    (r) => r.id,
  );
  const baseline: number[] = [];
  for (let i = 0; i < Math.max(20, all.length); i += 1)
    baseline.push((await get(`${baseUrl}/bench/baseline/${ids[i % ids.length]}`, {})).ms);
  const live = async (query: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) times.push((await timed(query)).ms);
    return median(times);
  };
  const liveCount = await live(() => sql`SELECT count(*) FROM children WHERE status = 'active'`.execute(db));
  const liveGroupBy = await live(() =>
    sql`
      SELECT left(c.residence_code, 6) AS county, cc.category, count(*)
      FROM children c JOIN child_categories cc ON cc.child_id = c.id AND cc.state = 'confirmed'
      WHERE c.status = 'active' GROUP BY 1, 2`.execute(db),
  );
  const p95 = percentile(all, 95);
  const base95 = percentile(baseline, 95);
  const recounted = `${recount.value.full ? 'full recount' : `${recount.value.places} places recounted`} in ${ms(recount.ms)}`;
  return {
    name: '5 dashboards',
    ran: true,
    figures: `load ${loadBefore} before, ${loadAverage()} after; GET /api/insight/registry-counts as the province officer: ${parts.join('; ')}; overall p95 ${ms(p95)}${failures ? `; ${failures} non-200` : ''}; counts brought up to date first (${recounted})`,
    baseline: `PK lookup over HTTP p50 ${ms(percentile(baseline, 50))}, p95 ${ms(base95)}; live in SQL (median of 5): count(*) of children ${ms(liveCount)}, category × county GROUP BY ${ms(liveGroupBy)}`,
    ratio: `p95 ×${(p95 / base95).toFixed(1)} of the PK lookup, ×${(p95 / liveGroupBy).toFixed(2)} of the live GROUP BY`,
    target: 'p95 ≤ 200 ms',
    met: failures === 0 && p95 <= 200,
  };
}
