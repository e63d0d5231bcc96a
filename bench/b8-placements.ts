import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import type { BenchSession } from './session.js';
import { loadAverage } from './sweep-run.js';
import { type BenchResult, ms, percentile } from './stats.js';

async function get(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
}

async function timedQuery(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Benchmark 8 (issue 16): where a child is now, and a city's institutions. (a) The current
 * placement of a child as the file's top reads it — the current-episode lookup in the database
 * (target p95 ≤ 5 ms), and the whole `GET /api/children/:id/placement` over HTTP (scope, log,
 * clocks, audit) for the record — against a primary-key lookup of a child, in the database and
 * over HTTP. (b) `GET /api/placements/occupancy` as the city's civil affairs officer (target p95
 * ≤ 100 ms) against the HTTP primary-key baseline.
 */
export async function benchPlacements(
  db: Kysely<Database>,
  baseUrl: string,
  province: BenchSession,
  city: BenchSession,
  options: { repeats: number; limitSeconds: number },
): Promise<BenchResult[]> {
  const deadline = Date.now() + options.limitSeconds * 1000;
  const loadBefore = loadAverage();
  const children = (
    await sql<{ id: string }>`
      SELECT child_id AS id FROM placements TABLESAMPLE SYSTEM (1) WHERE ended_at IS NULL LIMIT 500`.execute(db)
  ).rows.map((r) => r.id);
  if (children.length === 0) throw new Error('no placement episodes: run bench:data again (it loads them now)');
  const lookup: number[] = [];
  const pk: number[] = [];
  const http: number[] = [];
  const httpPk: number[] = [];
  for (let i = 0; i < options.repeats * 5 && (i < 20 || Date.now() < deadline); i += 1) {
    const id = children[i % children.length]!;
    lookup.push(
      await timedQuery(() =>
        sql`SELECT id, kind, organisation_id, started_at FROM placements WHERE child_id = ${id} AND ended_at IS NULL`.execute(
          db,
        ),
      ),
    );
    pk.push(await timedQuery(() => sql`SELECT id, name FROM children WHERE id = ${id}`.execute(db)));
    const r = await get(`${baseUrl}/api/children/${id}/placement`, province.headers);
    if (r.status !== 200) throw new Error(`GET placement: HTTP ${r.status}`);
    http.push(r.ms);
    httpPk.push((await get(`${baseUrl}/bench/baseline/${id}`, {})).ms);
  }
  const occupancy: number[] = [];
  const warm = await get(`${baseUrl}/api/placements/occupancy`, city.headers);
  if (warm.status !== 200) throw new Error(`GET occupancy: HTTP ${warm.status}`);
  for (let i = 0; i < options.repeats && (i < 10 || Date.now() < deadline); i += 1)
    occupancy.push((await get(`${baseUrl}/api/placements/occupancy`, city.headers)).ms);
  const current95 = percentile(lookup, 95);
  const pk95 = percentile(pk, 95);
  const occupancy95 = percentile(occupancy, 95);
  const httpPk95 = percentile(httpPk, 95);
  const load = `load ${loadBefore} before, ${loadAverage()} after`;
  return [
    {
      name: '8a current placement',
      ran: true,
      figures: `${load}; current-episode lookup p50 ${ms(percentile(lookup, 50))}, p95 ${ms(current95)} (${lookup.length} children); GET /api/children/:id/placement as the province officer p50 ${ms(percentile(http, 50))}, p95 ${ms(percentile(http, 95))}`,
      baseline: `child PK lookup p95 ${ms(pk95)} in the database, ${ms(httpPk95)} over HTTP`,
      ratio: `p95 ×${(current95 / pk95).toFixed(1)} of baseline`,
      target: 'p95 ≤ 5 ms',
      met: current95 <= 5,
    },
    {
      name: '8b city occupancy',
      ran: true,
      figures: `${load}; GET /api/placements/occupancy as the city officer p50 ${ms(percentile(occupancy, 50))}, p95 ${ms(occupancy95)} (${occupancy.length} runs; first ${ms(warm.ms)})`,
      baseline: `PK lookup over HTTP p95 ${ms(httpPk95)}`,
      ratio: `p95 ×${(occupancy95 / httpPk95).toFixed(1)} of baseline`,
      target: 'p95 ≤ 100 ms',
      met: occupancy95 <= 100,
    },
  ];
}
