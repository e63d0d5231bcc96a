import { describe, expect, it } from 'vitest';
import { deltaMeter } from './trace.js';

describe('the trace sampler’s per-process counters', () => {
  it('counts a process new meanwhile from its start and leaves out one that went away', () => {
    const counters = new Map<number, number[]>([
      [1, [100, 10]],
      [2, [500, 50]],
    ]);
    let pids = [1, 2];
    const meter = deltaMeter(
      () => pids,
      (pid) => counters.get(pid),
    );
    counters.set(1, [130, 12]);
    counters.delete(2); // a pool connection closed: its process is gone
    counters.set(3, [7, 1]); // and another opened
    pids = [1, 2, 3];
    expect(meter()).toEqual([30 + 7, 2 + 1]);
    counters.set(1, [140, 12]);
    expect(meter()).toEqual([10, 0]);
  });
});
