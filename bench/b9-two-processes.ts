import os from 'node:os';
import autocannon, { type AutocannonResult } from 'autocannon';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import { type BenchServer, startBenchServer } from './process.js';
import type { BenchSession } from './session.js';
import { type BenchResult, ms } from './stats.js';

/*
 * Benchmark 9 (issue 21): the child-file read (authenticated, scoped, audited) and the bare
 * one-SELECT route, first against one Haven process, then split over two processes on the same
 * database with the same total of 50 closed-loop connections. The session made on the first is
 * used on the second (sessions are rows). On a 2-core machine both processes, PostgreSQL and the
 * load generator share the cores, so the ratio says how much a second process buys there, not on
 * a machine with cores to spare.
 */

const connections = 50;

interface Split {
  perSecond: number;
  p50: number;
  p99: number;
  total: number;
  bad: number;
}

function summary(results: AutocannonResult[]): Split {
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  // Latencies weighted by each run's share of the requests (both runs last the same time).
  const weighted = (pick: (r: AutocannonResult) => number) =>
    results.reduce((sum, r) => sum + pick(r) * r.requests.total, 0) / Math.max(1, total);
  return {
    perSecond: results.reduce((sum, r) => sum + r.requests.average, 0),
    p50: weighted((r) => r.latency.p50),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    total,
    bad: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
  };
}

const line = (s: Split) =>
  `${Math.round(s.perSecond)} req/s, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, ${s.total} requests, ${s.bad} errors or non-2xx`;

async function drive(
  servers: readonly BenchServer[],
  duration: number,
  headers: Record<string, string>,
  path: () => string,
): Promise<Split> {
  const share = Math.floor(connections / servers.length);
  const runs = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: server.url,
        connections: share,
        duration,
        headers,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }],
      }),
    ),
  );
  return summary(runs);
}

export async function benchTwoProcesses(
  db: Kysely<Database>,
  databaseUrl: string,
  first: BenchServer,
  county: BenchSession,
  countyPrefix: string,
  options: { duration: number },
): Promise<BenchResult[]> {
  const children = (
    await sql<{ id: string }>`
      SELECT id FROM children WHERE residence_code LIKE ${`${countyPrefix}%`} AND status = 'active'
      ORDER BY file_no LIMIT 5000`.execute(db)
  ).rows.map((r) => r.id);
  if (children.length === 0) throw new Error(`no active child in ${countyPrefix}`);
  let next = 0;
  const child = () => children[next++ % children.length]!;
  const second = await startBenchServer(databaseUrl);
  const loadBefore = os.loadavg()[0]!;
  try {
    const read = (servers: BenchServer[]) =>
      drive(servers, options.duration, county.headers, () => `/api/children/${child()}`);
    const bare = (servers: BenchServer[]) => drive(servers, options.duration, {}, () => `/bench/baseline/${child()}`);
    const readOne = await read([first]);
    const readTwo = await read([first, second]);
    const bareOne = await bare([first]);
    const bareTwo = await bare([first, second]);
    const load = `load ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} (1-min average, before → after)`;
    const ratio = (two: Split, one: Split) => `×${(two.perSecond / Math.max(1, one.perSecond)).toFixed(2)} with two`;
    return [
      {
        name: '9a two processes: child-file read',
        ran: true,
        figures: `two processes (25 + 25 connections): ${line(readTwo)}; ${load}`,
        baseline: `one process (50 connections): ${line(readOne)}`,
        ratio: ratio(readTwo, readOne),
        target: 'reported (no target): a second process on the same cores',
        met: readTwo.bad === 0 && readOne.bad === 0,
      },
      {
        name: '9b two processes: bare 1-SELECT route',
        ran: true,
        figures: `two processes (25 + 25 connections): ${line(bareTwo)}`,
        baseline: `one process (50 connections): ${line(bareOne)}`,
        ratio: ratio(bareTwo, bareOne),
        target: 'reported (no target)',
        met: bareTwo.bad === 0 && bareOne.bad === 0,
      },
    ];
  } finally {
    await second.stop();
  }
}
