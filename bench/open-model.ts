import { percentile } from './stats.js';

export interface OpenRequest {
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Called with the answer's status (0 when no answer came) — e.g. to give a case back to its pool. */
  settled?: (status: number) => void;
}

/** One request of a traced run (epoch ms): when it was due, when fetch was called, when its answer was read. */
export interface OpenTraceRow {
  id: string;
  due: number;
  sent: number;
  end: number;
  status: number;
  /** Bytes of the answer's body. */
  bytes: number;
}

export interface OpenModelResult {
  rate: number;
  sent: number;
  ok: number;
  /** Answers that were not 2xx, and requests that got no answer; 409s are counted apart, in `conflicts`. */
  failed: number;
  /** 409 answers: a stale `expectedSeq` from the generator. Never part of the latency figure. */
  conflicts: number;
  /** Requests that were due while nothing could be sent (every case had an action in flight). */
  unsent: number;
  /** Status → count ("error" for a request that got no answer). */
  statuses: Record<string, number>;
  /** Latency of the 2xx answers. */
  p50: number;
  p99: number;
  /** Requests completed per second over the run. */
  achieved: number;
}

/**
 * An open-model load: requests start at a fixed arrival rate whatever the answers take (unlike
 * autocannon's closed loop, where a slow answer delays the next request). Latency counts from the
 * moment a request was due, so a generator that fell behind does not hide the wait. `next` may
 * return undefined when it has nothing valid to send at that moment; that is counted as unsent.
 */
export async function openModel(
  baseUrl: string,
  options: {
    rate: number;
    seconds: number;
    next: () => OpenRequest | undefined;
    /** When given, every request carries `x-bench-trace: <label>-<n>` and its times are pushed here. */
    trace?: { label: string; rows: OpenTraceRow[] };
  },
): Promise<OpenModelResult> {
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unsent = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const trace = options.trace;
  const epoch = performance.timeOrigin;
  const settle = (request: OpenRequest, status: number, due: number, sent: number, id: string, bytes = 0) => {
    statuses[status === 0 ? 'error' : String(status)] = (statuses[status === 0 ? 'error' : String(status)] ?? 0) + 1;
    const end = performance.now();
    if (status >= 200 && status < 300) latencies.push(end - due);
    trace?.rows.push({ id, due: epoch + due, sent: epoch + sent, end: epoch + end, status, bytes });
    request.settled?.(status);
  };
  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = options.next();
    if (!request) {
      unsent += 1;
      continue;
    }
    const id = trace ? `${trace.label}-${i}` : '';
    const headers = trace ? { ...request.headers, 'x-bench-trace': id } : request.headers;
    const sent = performance.now();
    pending.push(
      fetch(`${baseUrl}${request.path}`, { method: request.method, headers, body: request.body })
        .then(async (response) => {
          const body = await response.arrayBuffer();
          settle(request, response.status, due, sent, id, body.byteLength);
        })
        .catch(() => settle(request, 0, due, sent, id)),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const ok = Object.entries(statuses)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  const conflicts = statuses['409'] ?? 0;
  const sent = total - unsent;
  return {
    rate: options.rate,
    sent,
    ok,
    failed: sent - ok - conflicts,
    conflicts,
    unsent,
    statuses,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    achieved: sent / elapsed,
  };
}
