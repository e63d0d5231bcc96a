import { loadavg } from 'node:os';
import { afterAll, expect } from 'vitest';

// HAVEN_E2E_PROFILE=1: each browser file prints where its time went (server and database, Chromium,
// sign-in, page loads, axe, phone checks, language and width switches, pictures), so a journey's
// cost can be read rather than guessed. Nested steps count in each of their categories (a `capture`
// holds its axe runs). Off by default: it only adds up durations.

export const profiling = process.env.HAVEN_E2E_PROFILE === '1';

const totals = new Map<string, { count: number; ms: number }>();
const fileStart = performance.now();

/** Runs `step`, adding its duration to `category` when profiling. */
export async function profiled<T>(category: string, step: () => Promise<T>): Promise<T> {
  if (!profiling) return step();
  const start = performance.now();
  try {
    return await step();
  } finally {
    const entry = totals.get(category) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += performance.now() - start;
    totals.set(category, entry);
  }
}

if (profiling) {
  afterAll(() => {
    const file = expect.getState().testPath ?? '';
    const lines = [...totals.entries()]
      .sort(([, a], [, b]) => b.ms - a.ms)
      .map(
        ([category, { count, ms }]) =>
          `  ${category.padEnd(22)} ${String(count).padStart(4)} × ${(ms / 1000).toFixed(1).padStart(7)} s`,
      );
    const wall = ((performance.now() - fileStart) / 1000).toFixed(1);
    const load = loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
    console.log(
      `e2e profile ${file.replace(/.*\/test\//, 'test/')} (${wall} s from import, load ${load}):\n${lines.join('\n')}`,
    );
  });
}
