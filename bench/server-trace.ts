// The bench server's side of BENCH_TRACE (bench/trace.ts): each request's time inside the process
// (tagged by the generator's x-bench-trace header), every wait for a pool connection, every GC
// pause and every event-loop stall of 5 ms or more. Written once, when the server stops.
import type { Server } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import type pg from 'pg';
import { epochNow, writeTrace } from './trace.js';

type Callback = (error: Error | undefined, client: pg.PoolClient | undefined, release: () => void) => void;

export function traceServer(server: Server, pool: pg.Pool): () => void {
  const requests: unknown[] = [];
  const waits: unknown[] = [];
  const pauses: unknown[] = [];
  const stalls: unknown[] = [];
  server.on('request', (request, response) => {
    const id = request.headers['x-bench-trace'];
    if (typeof id !== 'string') return;
    const start = epochNow();
    response.once('finish', () => requests.push({ id, start, end: epochNow(), status: response.statusCode }));
  });
  const connect = pool.connect.bind(pool) as (callback?: Callback) => Promise<pg.PoolClient> | undefined;
  const timed = (callback?: Callback) => {
    const start = epochNow();
    const waiting = pool.waitingCount;
    const idle = pool.idleCount;
    const record = () => waits.push({ start, wait: epochNow() - start, waiting, idle, total: pool.totalCount });
    if (callback)
      return connect((error, client, release) => {
        record();
        callback(error, client, release);
      });
    return connect()?.then((client) => {
      record();
      return client;
    });
  };
  (pool as unknown as { connect: typeof timed }).connect = timed;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as { detail?: { kind?: number } }).detail;
      pauses.push({ start: entry.startTime + performance.timeOrigin, duration: entry.duration, kind: detail?.kind });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  let expected = epochNow() + 10;
  const ticker = setInterval(() => {
    const now = epochNow();
    if (now - expected >= 5) stalls.push({ start: expected, late: now - expected });
    expected = now + 10;
  }, 10);
  return () => {
    clearInterval(ticker);
    observer.disconnect();
    writeTrace('server-requests.jsonl', requests);
    writeTrace('server-pool.jsonl', waits);
    writeTrace('server-gc.jsonl', pauses);
    writeTrace('server-stalls.jsonl', stalls);
  };
}
