import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import { log } from './args.js';
import type { BenchSession } from './session.js';
import { loadAverage } from './sweep-run.js';
import { type BenchResult, ms, percentile } from './stats.js';

export interface SearchScope {
  label: string;
  session: BenchSession;
  /** Division prefix of the scope ('421002101201', '421002', '42'). */
  prefix: string;
}

export interface Term {
  kind: string;
  q: string;
}

/** The query mix: taken from children in the scope, so every query has answers to rank. */
export async function termsFor(db: Kysely<Database>, prefix: string): Promise<Term[]> {
  const children = await sql<{ name: string; pinyin_text: string; id_number: string | null }>`
    SELECT name, pinyin_text, id_number FROM children
    WHERE residence_code LIKE ${`${prefix}%`} AND status = 'active' AND id_number IS NOT NULL
    ORDER BY file_no DESC LIMIT 60`.execute(db);
  const phones = await sql<{ phone: string }>`
    SELECT m.phone FROM family_members m JOIN children c ON c.id = m.child_id
    WHERE c.residence_code LIKE ${`${prefix}%`} AND m.is_guardian AND m.phone IS NOT NULL
    ORDER BY c.file_no DESC LIMIT 5`.execute(db);
  const rows = children.rows;
  if (rows.length === 0) return [];
  const three = rows.filter((r) => [...r.name].length === 3);
  const two = rows.filter((r) => [...r.name].length === 2);
  const pick = <T>(items: T[], i: number) => items[i % Math.max(1, items.length)];
  const terms: Term[] = [];
  for (let i = 0; i < 3; i += 1) {
    const a = pick(three, i) ?? pick(rows, i)!;
    const b = pick(two, i) ?? pick(rows, i + 1)!;
    const keys = a.pinyin_text.split(' ');
    terms.push({ kind: 'given name (2 chars)', q: [...a.name].slice(1).join('') });
    terms.push({ kind: 'two-character name', q: b.name });
    terms.push({ kind: 'surname + char', q: [...a.name].slice(0, 2).join('') });
    terms.push({ kind: 'full pinyin', q: keys[0]! });
    terms.push({ kind: 'initials', q: keys[1] ?? keys[0]! });
    terms.push({ kind: 'ID fragment', q: a.id_number!.slice(10) });
    const phone = pick(phones.rows, i)?.phone;
    if (phone) terms.push({ kind: 'guardian phone', q: phone.slice(3) });
  }
  return terms;
}

const spread = (label: string, values: readonly number[]) =>
  `${label}: ${values.length} queries, p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, p99 ${ms(percentile(values, 99))}`;

async function get(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
}

export async function benchSearch(
  db: Kysely<Database>,
  baseUrl: string,
  scopes: readonly SearchScope[],
  options: { rounds: number; limitSeconds: number },
): Promise<BenchResult> {
  const deadline = Date.now() + options.limitSeconds * 1000;
  const loadBefore = loadAverage();
  let cut = false;
  const latencies: number[] = [];
  const byScope: string[] = [];
  const byKind = new Map<string, number[]>();
  let failures = 0;
  const ids = (await sql<{ id: string }>`SELECT id FROM children ORDER BY file_no DESC LIMIT 200`.execute(db)).rows.map(
    (r) => r.id,
  );
  for (const scope of scopes) {
    const terms = await termsFor(db, scope.prefix);
    // Warm-up: the first query of a kind pays for plan and cache; it is not counted.
    for (const term of terms)
      await get(`${baseUrl}/api/children?q=${encodeURIComponent(term.q)}&pageSize=20`, scope.session.headers);
    const mine: number[] = [];
    // Each scope gets its share of the time limit; at least one full round always runs.
    const scopeDeadline = Date.now() + (deadline - Date.now()) / (scopes.length - scopes.indexOf(scope));
    for (let round = 0; round < options.rounds; round += 1) {
      if (round > 0 && Date.now() > scopeDeadline) {
        cut = true;
        break;
      }
      for (const term of terms) {
        const r = await get(
          `${baseUrl}/api/children?q=${encodeURIComponent(term.q)}&pageSize=20`,
          scope.session.headers,
        );
        if (r.status !== 200) failures += 1;
        mine.push(r.ms);
        byKind.set(term.kind, [...(byKind.get(term.kind) ?? []), r.ms]);
      }
    }
    latencies.push(...mine);
    byScope.push(`${scope.label} p95 ${ms(percentile(mine, 95))}`);
    log(`  ${spread(scope.label, mine)}`);
  }
  for (const [kind, values] of byKind) log(`  ${spread(kind, values)}`);
  const baseline: number[] = [];
  for (let i = 0; i < Math.max(50, latencies.length); i += 1)
    baseline.push((await get(`${baseUrl}/bench/baseline/${ids[i % ids.length]}`, {})).ms);
  const p95 = percentile(latencies, 95);
  const base95 = percentile(baseline, 95);
  const slowest = [...byKind.entries()]
    .map(([kind, v]) => [kind, percentile(v, 95)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2);
  return {
    name: '1 search',
    ran: latencies.length > 0,
    figures: `load ${loadBefore} before, ${loadAverage()} after; ${latencies.length} queries: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(p95)}, p99 ${ms(percentile(latencies, 99))}; ${byScope.join('; ')}; slowest kinds ${slowest.map(([k, v]) => `${k} ${ms(v)}`).join(', ')}${failures ? `; ${failures} non-200` : ''}${cut ? `; fewer rounds than ${options.rounds} (time limit ${options.limitSeconds} s)` : ''}`,
    baseline: `PK lookup over HTTP p50 ${ms(percentile(baseline, 50))}, p95 ${ms(base95)}`,
    ratio: `p95 ×${(p95 / base95).toFixed(1)} of baseline`,
    target: 'p95 ≤ 50 ms',
    met: failures === 0 && p95 <= 50,
  };
}
