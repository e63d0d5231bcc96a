import { percentile } from './stats.js';

export interface OpenRequest {
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface OpenModelResult {
  rate: number;
  sent: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  /** Requests completed per second over the run. */
  achieved: number;
}

/**
 * An open-model load: requests start at a fixed arrival rate whatever the answers take (unlike
 * autocannon's closed loop, where a slow answer delays the next request). Latency counts from the
 * moment a request was due, so a generator that fell behind does not hide the wait.
 */
export async function openModel(
  baseUrl: string,
  options: { rate: number; seconds: number; next: () => OpenRequest },
): Promise<OpenModelResult> {
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = options.next();
    pending.push(
      fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body })
        .then(async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - due);
          if (response.ok) ok += 1;
          else failed += 1;
        })
        .catch(() => {
          latencies.push(performance.now() - due);
          failed += 1;
        }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  return {
    rate: options.rate,
    sent: total,
    ok,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    achieved: total / elapsed,
  };
}
