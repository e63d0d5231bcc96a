import os from 'node:os';

/**
 * The machine's load average when a figure was taken, for every benchmark's record: on a shared
 * 2-core machine a figure without it cannot be compared with another run's.
 * Returns e.g. "load 1.8/2.3/2.1 (1/5/15 min, 2 cores)".
 */
export function loadAverage(): string {
  const [one, five, fifteen] = os.loadavg().map((value) => value.toFixed(1));
  return `load ${one}/${five}/${fifteen} (1/5/15 min, ${os.cpus().length} cores)`;
}
