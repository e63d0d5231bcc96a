import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import type { BenchSession } from './session.js';
import { type BenchResult, ms, percentile } from './stats.js';
import { loadAverage } from './sweep-run.js';

async function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; status: number; body: string }> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  return { ms: performance.now() - start, status: response.status, body };
}

interface Probe {
  name: string;
  path: string;
  session: BenchSession;
  target: string;
  limitMs?: number;
  describe: (body: string) => string;
}

/**
 * Benchmark 13 (issue 17): the grassroots reads over the 1M set's children and home visits.
 * (a) a village director's due list `GET /api/visits/due` (target p95 ≤ 30 ms); (b) a township
 * supervisor's, which also holds what was escalated to her (reported); (c) the province's caseload
 * distribution `GET /api/roster/caseload` as a province officer (target p95 ≤ 200 ms) — each
 * against the HTTP primary-key baseline measured in the same loop.
 */
export async function benchGrassroots(
  db: Kysely<Database>,
  baseUrl: string,
  sessions: { director: BenchSession; supervisor: BenchSession; province: BenchSession },
  options: { repeats: number; limitSeconds: number },
): Promise<BenchResult[]> {
  const loadBefore = loadAverage();
  const ids = (
    await sql<{ id: string }>`SELECT id FROM children TABLESAMPLE SYSTEM (1) LIMIT 200`.execute(db)
  ).rows.map((r) => r.id);
  const items = (body: string) => (JSON.parse(body) as { items?: unknown[] }).items?.length ?? 0;
  const probes: Probe[] = [
    {
      name: '13a director due list',
      path: '/api/visits/due',
      session: sessions.director,
      target: 'p95 ≤ 30 ms',
      limitMs: 30,
      describe: (body) => `GET /api/visits/due as a village director (${items(body)} children listed)`,
    },
    {
      name: '13b supervisor due list',
      path: '/api/visits/due',
      session: sessions.supervisor,
      target: 'reported',
      describe: (body) => `GET /api/visits/due as a township supervisor (${items(body)} children listed)`,
    },
    {
      name: '13c province caseload',
      path: '/api/roster/caseload',
      session: sessions.province,
      target: 'p95 ≤ 200 ms',
      limitMs: 200,
      describe: () => 'GET /api/roster/caseload as a province officer (per director and by county)',
    },
  ];
  const results: BenchResult[] = [];
  for (const probe of probes) {
    const warm = await get(`${baseUrl}${probe.path}`, probe.session.headers);
    if (warm.status !== 200) throw new Error(`GET ${probe.path} (${probe.name}): HTTP ${warm.status}`);
    const deadline = Date.now() + options.limitSeconds * 1000;
    const read: number[] = [];
    const httpPk: number[] = [];
    for (let i = 0; i < options.repeats * 2 && (i < 10 || Date.now() < deadline); i += 1) {
      read.push((await get(`${baseUrl}${probe.path}`, probe.session.headers)).ms);
      httpPk.push((await get(`${baseUrl}/bench/baseline/${ids[i % Math.max(1, ids.length)]}`, {})).ms);
    }
    const p95 = percentile(read, 95);
    const pk95 = percentile(httpPk, 95);
    results.push({
      name: probe.name,
      ran: true,
      figures: `load ${loadBefore} before, ${loadAverage()} after; ${probe.describe(warm.body)} p50 ${ms(percentile(read, 50))}, p95 ${ms(p95)}, p99 ${ms(percentile(read, 99))} (${read.length} runs; first ${ms(warm.ms)})`,
      baseline: `PK lookup over HTTP p95 ${ms(pk95)}`,
      ratio: `p95 ×${(p95 / pk95).toFixed(1)} of baseline`,
      target: probe.target,
      met: probe.limitMs === undefined || p95 <= probe.limitMs,
    });
  }
  return results;
}
