import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import { benchDataDir } from './db.js';
import { type BenchResult, ms, percentile, timed } from './stats.js';

/** The scope predicate of a province officer, as childInScope writes it (jurisdiction or participation). */
const scope = (prefix: string, organisationId: string) =>
  sql`(c.residence_code LIKE ${`${prefix}%`} OR c.hukou_code LIKE ${`${prefix}%`} OR EXISTS (SELECT 1 FROM child_participations p WHERE p.child_id = c.id AND p.organisation_id = ${organisationId} AND p.ended_at IS NULL))`;

export const dashboardQueries = (prefix: string, organisationId: string): Record<string, RawBuilder<unknown>> => ({
  'category × county': sql`
    SELECT substr(c.residence_code, 1, 6) AS county, cc.category, count(*)::int AS n
    FROM children c JOIN child_categories cc ON cc.child_id = c.id AND cc.state = 'confirmed'
    WHERE c.status = 'active' AND ${scope(prefix, organisationId)}
    GROUP BY 1, 2`,
  'risk × township': sql`
    SELECT substr(c.residence_code, 1, 9) AS township, c.risk_grade, count(*)::int AS n
    FROM children c
    WHERE c.status = 'active' AND ${scope(prefix, organisationId)}
    GROUP BY 1, 2`,
});

/** Benchmark 5: the registry's dashboard counts for a province officer; EXPLAIN ANALYZE of each kept for the notes. */
export async function benchDashboards(db: Kysely<Database>, organisationId: string, options: { repeats: number; limitSeconds: number }): Promise<BenchResult> {
  const deadline = Date.now() + options.limitSeconds * 1000;
  const queries = dashboardQueries('42', organisationId);
  const all: number[] = [];
  const parts: string[] = [];
  const explains: string[] = [];
  for (const [name, query] of Object.entries(queries)) {
    await query.execute(db);
    const times: number[] = [];
    for (let i = 0; i < options.repeats && (i < 3 || Date.now() < deadline); i += 1) times.push((await timed(() => query.execute(db))).ms);
    all.push(...times);
    parts.push(`${name} p95 ${ms(percentile(times, 95))} (${times.length} runs)`);
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(db);
    explains.push(`-- ${name}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
  }
  await writeFile(path.join(benchDataDir, 'explain-dashboards.txt'), explains.join('\n'));
  const baseline: number[] = [];
  for (let i = 0; i < options.repeats; i += 1) baseline.push((await timed(() => sql`SELECT count(*) FROM children`.execute(db))).ms);
  const p95 = percentile(all, 95);
  return {
    name: '5 dashboards',
    ran: true,
    figures: `${parts.join('; ')}; overall p95 ${ms(p95)} (plans: data/bench/explain-dashboards.txt)`,
    baseline: `count(*) of children p95 ${ms(percentile(baseline, 95))}`,
    ratio: `×${(p95 / percentile(baseline, 95)).toFixed(1)} of the count`,
    target: 'p95 ≤ 200 ms',
    met: p95 <= 200,
  };
}
