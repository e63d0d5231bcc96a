export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (value: number): string =>
  Number.isNaN(value) ? 'n/a' : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** One benchmark's outcome, as printed and as written to docs/performance.md. */
export interface BenchResult {
  name: string;
  /** False when a part it needs (another feature's API) is missing: `note` says which. */
  ran: boolean;
  figures: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
  note?: string;
}

export function skipped(name: string, target: string, note: string): BenchResult {
  return { name, ran: false, figures: '—', baseline: '—', ratio: '—', target, met: null, note };
}
