// `npx tsx bench/trace-report.ts <BENCH_TRACE dir>`: what the slowest 1 % of each open-model run
// overlapped — beside the same figures over all its requests, so a cause shows as a difference.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { postgresEvents, type Span } from './trace-postgres.js';

const dir = path.resolve(process.argv[2] ?? '');
const lines = <T>(name: string): T[] =>
  existsSync(path.join(dir, name))
    ? readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as T)
    : [];

interface Open {
  id: string;
  due: number;
  sent: number;
  end: number;
  status: number;
  bytes?: number;
}
interface Served {
  id: string;
  start: number;
  end: number;
}
interface Machine {
  t: number;
  running: number;
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  ours: number;
  serverRan?: number;
  serverWaited?: number;
  postgresRan?: number;
  postgresWaited?: number;
}

// A machine sample covers the 100 ms before its time: its share of a window is the overlap's.
const sampled = (from: number, to: number, pick: (m: Machine) => number | undefined) =>
  machine.reduce((sum, m) => {
    const part = Math.max(0, Math.min(to, m.t) - Math.max(from, m.t - 100)) / 100;
    return part > 0 ? sum + part * (pick(m) ?? 0) : sum;
  }, 0);

const served = new Map(lines<Served>('server-requests.jsonl').map((row) => [row.id, row]));
const pauses = lines<{ start: number; duration: number; kind?: number }>('server-gc.jsonl');
const gc: Span[] = pauses.map((p) => ({
  start: p.start,
  end: p.start + p.duration,
  what: 'gc',
}));
const stalls: Span[] = lines<{ start: number; late: number }>('server-stalls.jsonl').map((s) => ({
  start: s.start,
  end: s.start + s.late,
  what: 'stall',
}));
const pool = lines<{ start: number; wait: number; waiting: number }>('server-pool.jsonl');
const machine = readdirSync(dir)
  .filter((name) => name.startsWith('machine-'))
  .flatMap((name) => lines<Machine>(name))
  .sort((a, b) => a.t - b.t);
const events = lines<{ event: string; file?: string; offset?: number }>('events.jsonl');
const logAt = events.find((event) => event.event === 'postgres-log');
const postgres = logAt?.file ? postgresEvents(logAt.file, logAt.offset ?? 0) : [];

const overlap = (spans: Span[], from: number, to: number) =>
  spans.reduce((sum, s) => sum + Math.max(0, Math.min(to, s.end) - Math.max(from, s.start)), 0);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
};
const share = (values: boolean[]) =>
  `${Math.round((100 * values.filter(Boolean).length) / Math.max(1, values.length))} %`;

function describe(rows: Open[]) {
  const parts = rows.map((row) => {
    const server = served.get(row.id);
    const from = server?.start ?? row.sent;
    const to = server?.end ?? row.end;
    const samples = machine.filter((m) => m.t >= row.due && m.t <= row.end + 100);
    const busy = samples.reduce((sum, m) => sum + m.user + m.nice + m.system + m.irq + m.softirq, 0);
    const total = samples.reduce(
      (sum, m) => sum + m.user + m.nice + m.system + m.idle + m.iowait + m.irq + m.softirq + m.steal,
      0,
    );
    const ours = samples.reduce((sum, m) => sum + m.ours, 0);
    const pg = postgres.filter((e) => e.end > from && e.start < to);
    return {
      latency: row.end - row.due,
      late: row.sent - row.due,
      inServer: server ? server.end - server.start : Number.NaN,
      outside: server ? row.end - row.sent - (server.end - server.start) : Number.NaN,
      gc: overlap(gc, from, to),
      stall: overlap(stalls, from, to),
      serverWaited: sampled(from, to, (m) => m.serverWaited),
      serverRan: sampled(from, to, (m) => m.serverRan),
      postgresWaited: sampled(from, to, (m) => m.postgresWaited),
      poolWait: Math.max(0, ...pool.filter((p) => p.start >= from && p.start <= to).map((p) => p.wait)),
      running: Math.max(0, ...samples.map((m) => m.running - 1)),
      others: total > 0 ? Math.max(0, busy - ours) / total : Number.NaN,
      steal: total > 0 ? samples.reduce((sum, m) => sum + m.steal, 0) / total : 0,
      slowStatement: pg.some((e) => e.what === 'statement'),
      lockWait: pg.some((e) => e.what === 'lock'),
      checkpoint: pg.some((e) => e.what === 'checkpoint'),
      autovacuum: pg.some((e) => e.what === 'autovacuum'),
    };
  });
  const f = (pick: (p: (typeof parts)[number]) => number) => median(parts.map(pick)).toFixed(1);
  return {
    requests: parts.length,
    'latency ms (median)': f((p) => p.latency),
    'sent late ms': f((p) => p.late),
    'in the server ms': f((p) => p.inServer),
    'outside the server ms': f((p) => p.outside),
    'GC in the server ms': f((p) => p.gc),
    'event-loop stall ms': f((p) => p.stall),
    'server ran ms (main thread)': f((p) => p.serverRan),
    'server waited for a CPU ms': f((p) => p.serverWaited),
    'PostgreSQL waited for a CPU ms': f((p) => p.postgresWaited),
    'longest pool wait ms': f((p) => p.poolWait),
    'pool wait > 1 ms': share(parts.map((p) => p.poolWait > 1)),
    'GC ≥ 5 ms overlapping': share(parts.map((p) => p.gc >= 5)),
    'run queue (max, others incl.)': f((p) => p.running),
    "other processes' CPU share": `${Math.round(100 * median(parts.map((p) => p.others)))} %`,
    'steal share': `${Math.round(100 * median(parts.map((p) => p.steal)))} %`,
    'a statement ≥ 10 ms overlapping': share(parts.map((p) => p.slowStatement)),
    'a lock wait overlapping': share(parts.map((p) => p.lockWait)),
    'a checkpoint overlapping': share(parts.map((p) => p.checkpoint)),
    'an autovacuum overlapping': share(parts.map((p) => p.autovacuum)),
  };
}

for (const name of readdirSync(dir).filter((n) => n.startsWith('open-'))) {
  const rows = lines<Open>(name).filter((row) => row.status >= 200 && row.status < 300);
  const sorted = [...rows].sort((a, b) => b.end - b.due - (a.end - a.due));
  const tail = sorted.slice(0, Math.max(1, Math.ceil(rows.length / 100)));
  const all = describe(rows);
  const slow = describe(tail);
  console.log(`\n${name}: ${rows.length} 2xx answers; the slowest 1 % (${tail.length}) against all`);
  for (const key of Object.keys(all) as (keyof typeof all)[])
    console.log(`  ${key.padEnd(34)} ${String(slow[key]).padStart(8)}  ${String(all[key]).padStart(8)}`);
  const when = tail.map((row) => row.due).sort((a, b) => a - b);
  const first = rows.reduce((min, row) => Math.min(min, row.due), Number.POSITIVE_INFINITY);
  console.log(
    `  the slowest 1 % were due at (s into the run): ${when.map((t) => ((t - first) / 1000).toFixed(1)).join(' ')}`,
  );
  const last = rows.reduce((max, row) => Math.max(max, row.end), 0);
  const during = pauses.filter((p) => p.start >= first && p.start <= last);
  const young = during.filter((p) => p.kind === 1);
  console.log(
    `  the server's GC during the run: ${during.length} pauses, ${Math.round(during.reduce((sum, p) => sum + p.duration, 0))} ms (${young.length} scavenges, ${Math.round(young.reduce((sum, p) => sum + p.duration, 0))} ms; longest ${Math.round(Math.max(0, ...during.map((p) => p.duration)))} ms); median answer ${median(rows.map((row) => row.bytes ?? 0))} bytes`,
  );
  const pgIn = postgres.filter((e) => e.start <= (rows.at(-1)?.end ?? 0) && e.end >= first);
  const counts = new Map<string, number>();
  for (const e of pgIn) counts.set(e.what, (counts.get(e.what) ?? 0) + 1);
  console.log(`  PostgreSQL's log during the run: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'nothing'}`);
}

for (const event of events.filter((e) => ['settled', 'tables', 'functions'].includes(e.event)))
  console.log(JSON.stringify(event));
