// BENCH_TRACE=<dir>: what each open-model request, the server and the machine did, on one clock
// (milliseconds since the epoch), so the slowest 1 % can be laid beside GC pauses, pool waits,
// PostgreSQL's log and the run queue (`npm run bench:trace-report -- <dir>` reads it back).
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuTicks } from './cpu.js';

export const traceDir = process.env.BENCH_TRACE ? path.resolve(process.env.BENCH_TRACE) : undefined;

/** Now, in epoch milliseconds with performance.now()'s resolution: comparable across processes. */
export const epochNow = () => performance.timeOrigin + performance.now();

export function writeTrace(name: string, rows: unknown[]): void {
  if (!traceDir) return;
  mkdirSync(traceDir, { recursive: true });
  writeFileSync(path.join(traceDir, name), `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
}

export function traceEvent(event: Record<string, unknown>): void {
  if (!traceDir) return;
  mkdirSync(traceDir, { recursive: true });
  appendFileSync(path.join(traceDir, 'events.jsonl'), `${JSON.stringify({ t: epochNow(), ...event })}\n`);
}

const cpuFields = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

function procStat(): { running: number; blocked: number; cpu: number[] } {
  const text = readFileSync('/proc/stat', 'utf8');
  const cpu = (/^cpu\s+(.*)$/m.exec(text)?.[1] ?? '').split(/\s+/).slice(0, cpuFields.length).map(Number);
  const running = Number(/^procs_running (\d+)/m.exec(text)?.[1] ?? Number.NaN);
  const blocked = Number(/^procs_blocked (\d+)/m.exec(text)?.[1] ?? Number.NaN);
  return { running, blocked, cpu };
}

/**
 * A per-process counter summed over some processes since the last call: a process new meanwhile
 * counts from its start, one gone meanwhile (a pool's idle connection closed) is left out, not
 * subtracted.
 */
export function deltaMeter<T extends number[]>(
  pids: () => number[],
  read: (pid: number) => T | undefined,
): () => number[] {
  let last = new Map<number, T>();
  const sample = () => {
    const now = new Map<number, T>();
    for (const pid of pids()) {
      const value = read(pid);
      if (value) now.set(pid, value);
    }
    return now;
  };
  last = sample();
  return () => {
    const now = sample();
    const sums: number[] = [];
    for (const [pid, values] of now) {
      const before = last.get(pid);
      values.forEach((value, i) => {
        sums[i] = (sums[i] ?? 0) + value - (before?.[i] ?? 0);
      });
    }
    last = now;
    return sums;
  };
}

/** Nanoseconds a thread ran and waited on a run queue for a CPU (/proc/<pid>/schedstat, main thread). */
function schedstat(pid: number): [number, number] | undefined {
  try {
    const [ran, waited] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [ran ?? 0, waited ?? 0];
  } catch {
    return undefined;
  }
}

/** Milliseconds run and waited for a CPU by some processes since the last call. */
function schedMeter(pids: () => number[]): () => { ran: number; waited: number } {
  const meter = deltaMeter(pids, schedstat);
  return () => {
    const [ran = 0, waited = 0] = meter();
    return { ran: ran / 1e6, waited: waited / 1e6 };
  };
}

/**
 * Every `everyMs`: the run queue (procs_running counts the sampler itself), the machine's CPU split
 * (jiffies since the last sample, all cores) and the jiffies of the benchmark's own processes, so
 * the time other people's processes took is the machine's busy time less ours.
 */
export function sampleMachine(
  ours: () => number[],
  server: { pid: number; postgres: () => number[] },
  everyMs = 100,
): { stop(): void } {
  if (!traceDir) return { stop() {} };
  const rows: unknown[] = [];
  let last = procStat();
  const oursMeter = deltaMeter(ours, (pid) => {
    const ticks = cpuTicks(pid);
    return ticks === undefined ? undefined : [ticks];
  });
  // The server's main thread and PostgreSQL's processes: how long they ran, and waited for a CPU.
  const serverSched = schedMeter(() => [server.pid]);
  const postgresSched = schedMeter(server.postgres);
  const timer = setInterval(() => {
    const now = procStat();
    const delta = Object.fromEntries(cpuFields.map((field, i) => [field, (now.cpu[i] ?? 0) - (last.cpu[i] ?? 0)]));
    const s = serverSched();
    const pg = postgresSched();
    rows.push({
      t: epochNow(),
      running: now.running,
      blocked: now.blocked,
      ...delta,
      ours: oursMeter()[0] ?? 0,
      serverRan: s.ran,
      serverWaited: s.waited,
      postgresRan: pg.ran,
      postgresWaited: pg.waited,
    });
    last = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      writeTrace(`machine-${Math.round(epochNow())}.jsonl`, rows);
    },
  };
}

/** The size of PostgreSQL's log when tracing began, so the report reads only what came after. */
export function logOffset(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * PostgreSQL's own account of the run, into its log (a private bench cluster's settings: ALTER
 * SYSTEM persists in that data folder): statements over 10 ms, lock waits over 10 ms, checkpoints,
 * every autovacuum. Returns the log's size before, where the report starts reading.
 */
export async function tracePostgres(query: (text: string) => Promise<unknown>, logFile: string): Promise<void> {
  if (!traceDir) return;
  for (const setting of [
    "log_min_duration_statement = '10ms'",
    'log_lock_waits = on',
    "deadlock_timeout = '10ms'",
    'log_checkpoints = on',
    'log_autovacuum_min_duration = 0',
    "log_line_prefix = '%m [%p] %a '",
    // Calls of session_account: how often the session cache missed (its heartbeat late, a notice).
    "track_functions = 'all'",
  ])
    await query(`ALTER SYSTEM SET ${setting}`);
  await query('SELECT pg_reload_conf()');
  traceEvent({ event: 'postgres-log', file: logFile, offset: logOffset(logFile) });
}
