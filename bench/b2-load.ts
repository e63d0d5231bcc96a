import { randomUUID } from 'node:crypto';
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';
import { cpuMeter, postgresPids, runQueueMeter } from './cpu.js';
import { loadAverage } from './load-average.js';
import { byStatus, CasePool, type PooledCase } from './case-pool.js';
import { type OpenModelResult, type OpenRequest, type OpenTraceRow, openModel } from './open-model.js';
import type { BenchServer } from './process.js';
import { rssMb, sampleRss } from './process.js';
import type { BenchSession } from './session.js';
import { type BenchResult, ms, skipped } from './stats.js';
import { settle } from './settle.js';
import { sampleMachine, traceDir, traceEvent, writeTrace } from './trace.js';

export interface LoadFigures {
  results: BenchResult[];
  rssAtRest: number;
  rssPeak: number;
}

interface Run {
  result: AutocannonResult;
  peakRss: number;
  /** CPU milliseconds per request: PostgreSQL (all its processes), the server. */
  cpu: { postgres: number; server: number };
  load: string;
}

// The fraction of the measured maximum the open-model run arrives at.
const openFraction = 0.5;

// Seconds of each read-only closed loop run first and not measured: a server runs for days, and in a
// 20 s window V8 compiling the route's code was ~0.2 ms of the read's server CPU (session 17).
const warmUpSeconds = 3;

async function drive(
  server: BenchServer,
  options: {
    duration: number;
    connections?: number;
    headers?: Record<string, string>;
    request: AutocannonRequest;
    warmUp?: boolean;
  },
): Promise<Run> {
  if (options.warmUp)
    await autocannon({
      url: server.url,
      connections: options.connections ?? 50,
      duration: Math.min(warmUpSeconds, options.duration),
      headers: options.headers,
      requests: [options.request],
    });
  const rss = sampleRss(server.pid);
  const postgresCpu = cpuMeter(postgresPids);
  const serverCpu = cpuMeter(() => [server.pid]);
  const result = await autocannon({
    url: server.url,
    connections: options.connections ?? 50,
    duration: options.duration,
    headers: options.headers,
    requests: [options.request],
  });
  const requests = Math.max(1, result.requests.total);
  const cpu = { postgres: (postgresCpu.stop() * 1000) / requests, server: (serverCpu.stop() * 1000) / requests };
  return { result, peakRss: rss.stop(), cpu, load: loadAverage() };
}

/** The same requests at a fixed arrival rate: `openFraction` of the rate the closed loop reached. */
async function driveOpen(
  server: BenchServer,
  saturated: Run,
  duration: number,
  label: string,
  next: () => OpenRequest | undefined,
) {
  const rate = Math.max(1, Math.round(saturated.result.requests.average * openFraction));
  const postgresCpu = cpuMeter(postgresPids);
  const serverCpu = cpuMeter(() => [server.pid]);
  const postgresWait = runQueueMeter(postgresPids);
  const serverWait = runQueueMeter(() => [server.pid]);
  const trace = traceDir ? { label, rows: [] as OpenTraceRow[] } : undefined;
  // The pool's backends, found again every second rather than by a scan of /proc every sample (the
  // pool closes a connection idle for 10 s and opens another).
  let backends = traceDir ? postgresPids() : [];
  const rescan = traceDir ? setInterval(() => (backends = postgresPids()), 1_000) : undefined;
  const machine = sampleMachine(() => [process.pid, server.pid, ...backends], {
    pid: server.pid,
    postgres: () => backends,
  });
  traceEvent({ event: 'open-start', label, rate });
  const result = await openModel(server.url, { rate, seconds: duration, next, trace });
  traceEvent({ event: 'open-end', label, rate, p99: result.p99 });
  clearInterval(rescan);
  machine.stop();
  if (trace) writeTrace(`open-${label}.jsonl`, trace.rows);
  const cpu = { postgres: (postgresCpu.stop() * 1000) / result.sent, server: (serverCpu.stop() * 1000) / result.sent };
  // Time runnable but not running, per request: what the machine's other processes added to the latency.
  const waited = { postgres: postgresWait.stop() / result.sent, server: serverWait.stop() / result.sent };
  return { result, cpu, waited, load: loadAverage() };
}

const cpuLine = (cpu: Run['cpu']) =>
  `CPU per request: PostgreSQL ${cpu.postgres.toFixed(2)} ms, server ${cpu.server.toFixed(2)} ms`;
const openLine = (open: { result: OpenModelResult; cpu: Run['cpu']; waited: Run['cpu']; load: string }) =>
  `open model at ${open.result.rate} req/s (${Math.round(openFraction * 100)} % of the maximum): p50 ${ms(open.result.p50)}, p99 ${ms(open.result.p99)} (2xx answers), ${open.result.sent} requests (${byStatus(open.result.statuses)}), ${open.result.failed} failed${open.result.conflicts ? `, ${open.result.conflicts} stale-seq 409s (generator, not counted)` : ''}${open.result.unsent ? `, ${open.result.unsent} not sent (no idle case)` : ''}; ${cpuLine(open.cpu)}; waited for a CPU per request: PostgreSQL ${open.waited.postgres.toFixed(2)} ms, server ${open.waited.server.toFixed(2)} ms; ${open.load}`;

const statusCounts = (r: AutocannonResult): Record<string, number> =>
  Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([status, s]) => [status, s.count]));
const line = (r: AutocannonResult) =>
  `${Math.round(r.requests.average)} req/s, p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}, ${r.requests.total} requests (${byStatus(statusCounts(r)) || 'no answers'}): ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts)`;
const bad = (r: AutocannonResult) => r.errors + r.timeouts + r.non2xx;

/** Benchmark 2 (and the memory figures of 6): 50 connections for `duration` s against a separate server process. */
export async function benchLoad(
  db: Kysely<Database>,
  server: BenchServer,
  county: BenchSession,
  countyPrefix: string,
  options: { duration: number },
): Promise<LoadFigures> {
  const rssAtRest = rssMb(server.pid);
  const children = (
    await sql<{
      id: string;
    }>`SELECT id FROM children WHERE residence_code LIKE ${`${countyPrefix}%`} AND status = 'active' ORDER BY file_no LIMIT 5000`.execute(
      db,
    )
  ).rows.map((r) => r.id);
  let next = 0;
  const baseline = await drive(server, {
    duration: options.duration,
    warmUp: true,
    request: {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/bench/baseline/${children[next++ % children.length]}` }),
    },
  });
  const read = await drive(server, {
    duration: options.duration,
    warmUp: true,
    headers: county.headers,
    request: {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/api/children/${children[next++ % children.length]}` }),
    },
  });
  traceEvent({ event: 'settled', label: 'read', ms: await settle(db) });
  const openRead = await driveOpen(server, read, options.duration, 'read', () => ({
    method: 'GET',
    path: `/api/children/${children[next++ % children.length]}`,
    headers: county.headers,
  }));
  const results: BenchResult[] = [];
  const ratio = read.result.requests.average / Math.max(1, baseline.result.requests.average);
  results.push({
    name: '2a API: child-file read',
    ran: true,
    figures: `50 connections: ${line(read.result)}; ${cpuLine(read.cpu)}; ${read.load}. ${openLine(openRead)}`,
    baseline: `bare Fastify + 1 SELECT: ${line(baseline.result)}; ${cpuLine(baseline.cpu)}; ${baseline.load}`,
    ratio: `${(ratio * 100).toFixed(0)} % of baseline throughput`,
    target: '≥ 40 % of baseline; open-model p99 ≤ 100 ms; 0 errors',
    met: ratio >= 0.4 && openRead.result.p99 <= 100 && bad(read.result) === 0 && openRead.result.failed === 0,
  });

  // Every case of the county a conference can be held on, each with its current sequence number.
  const cases = (
    await sql<PooledCase>`
      SELECT c.id, c.seq FROM cases c JOIN case_actions a ON a.case_id = c.id AND a.seq = c.seq
      WHERE c.division_code LIKE ${`${countyPrefix}%`} AND a.status_after IN ('acknowledged', 'emergency_response', 'assessment', 'assistance', 'guardianship_intervention', 'monitoring')
      ORDER BY c.case_no LIMIT 20000`.execute(db)
  ).rows;
  const today = new Date().toISOString().slice(0, 10);
  const body = (seq: number) =>
    JSON.stringify({
      type: 'case_conference',
      expectedSeq: seq,
      heldOn: today,
      participants: ['村委会', '乡镇民政办'],
      decisions: ['继续跟进，每月入户探访'],
    });
  const headers = { ...county.headers, 'content-type': 'application/json' };
  const probe = cases[0]
    ? await fetch(`${server.url}/api/cases/${cases[0].id}/actions`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: body(cases[0].seq),
      })
    : undefined;
  let peakRss = Math.max(read.peakRss, baseline.peakRss);
  if (probe?.status !== 200) {
    results.push(
      skipped(
        '2b API: audited case action',
        'p99 ≤ 100 ms, 0 errors',
        probe
          ? `the case action API answered ${probe.status}: ${(await probe.text()).slice(0, 200)}`
          : `no open case in ${countyPrefix}`,
      ),
    );
  } else {
    cases[0]!.seq += 1;
    // One action in flight per case, always with the case's current seq: a connection that sent an
    // action holds its case until the answer, so the closed loop needs at least as many open cases as
    // connections (the 20k smoke set has a few dozen in the county; then fewer connections).
    const closedPool = new CasePool(cases);
    const connections = Math.min(50, cases.length);
    const action = await drive(server, {
      duration: options.duration,
      connections,
      headers,
      request: {
        method: 'POST',
        setupRequest: (req, context) => {
          const kase = closedPool.take();
          context.kase = kase;
          if (!kase) return { ...req, path: '/api/cases/none/actions', body: '{}' }; // cannot happen: cases ≥ connections
          return {
            ...req,
            path: `/api/cases/${kase.id}/actions`,
            headers: { ...headers, 'idempotency-key': randomUUID() },
            body: body(kase.seq),
          };
        },
        onResponse: (status, _body, context) => {
          if (context.kase) closedPool.giveBack(context.kase as PooledCase, status);
        },
      },
    });
    // The closed loop moved the sequences on: once its last actions have finished, the open run reads
    // them again (read while some were in flight, they made the open run's stale-seq 409s).
    traceEvent({ event: 'settled', label: 'action', ms: await settle(db) });
    const ids = cases.map((kase) => kase.id);
    const openPool = new CasePool(
      (await sql<PooledCase>`SELECT id, seq FROM cases WHERE id = ANY(${ids}::uuid[])`.execute(db)).rows,
    );
    const openAction = await driveOpen(server, action, options.duration, 'action', () => {
      const kase = openPool.take();
      if (!kase) return undefined;
      return {
        method: 'POST',
        path: `/api/cases/${kase.id}/actions`,
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: body(kase.seq),
        settled: (status) => openPool.giveBack(kase, status),
      };
    });
    peakRss = Math.max(peakRss, action.peakRss);
    const actionRatio = action.result.requests.average / Math.max(1, baseline.result.requests.average);
    const conflicts = statusCounts(action.result)['409'] ?? 0;
    results.push({
      name: '2b API: audited case action',
      ran: true,
      figures: `${connections} connections: ${line(action.result)} over ${cases.length} open cases; ${cpuLine(action.cpu)}; ${action.load}. ${openLine(openAction)}`,
      baseline: 'same baseline as 2a',
      ratio: `${(actionRatio * 100).toFixed(0)} % of baseline throughput`,
      target: 'open-model p99 ≤ 100 ms, 0 errors (no throughput target)',
      met:
        openAction.result.p99 <= 100 &&
        bad(action.result) === 0 &&
        conflicts === 0 &&
        openAction.result.failed === 0 &&
        openAction.result.conflicts === 0,
    });
  }
  if (traceDir) {
    // How often the sessions were written meanwhile (each write notifies every process's session cache).
    const tables = await sql<{ relname: string; n_tup_upd: string; n_tup_ins: string }>`
      SELECT relname, n_tup_upd, n_tup_ins FROM pg_stat_user_tables WHERE relname IN ('sessions', 'users', 'audit_log', 'idempotency_keys')`.execute(
      db,
    );
    traceEvent({ event: 'tables', rows: tables.rows });
    const functions = await sql<{ funcname: string; calls: string }>`
      SELECT funcname, calls FROM pg_stat_user_functions WHERE funcname IN ('session_account', 'audit_append')`.execute(
      db,
    );
    traceEvent({ event: 'functions', rows: functions.rows });
  }
  return { results, rssAtRest, rssPeak: peakRss };
}
