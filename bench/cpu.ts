import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { benchDataDir } from './db.js';

// Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux).
const ticksPerSecond = 100;

/** A process's CPU so far (user + system), in clock ticks; undefined once it has ended. */
export function cpuTicks(pid: number): number | undefined {
  try {
    // The command name may hold spaces: fields after its closing parenthesis, utime and stime are 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The bench cluster's postmaster and its children (backends, walwriter, autovacuum…). */
export function postgresPids(): number[] {
  try {
    const postmaster = Number(readFileSync(path.join(benchDataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => parentOf(pid) === postmaster);
    return [postmaster, ...children];
  } catch {
    return [];
  }
}

/**
 * CPU seconds used by some processes between start and stop (processes that appear meanwhile count
 * from zero; one that exits meanwhile is lost, which a pool's long-lived backends do not do).
 */
export function cpuMeter(pids: () => number[]): { stop(): number } {
  const start = new Map(pids().map((pid) => [pid, cpuTicks(pid) ?? 0]));
  return {
    stop() {
      let ticks = 0;
      for (const pid of new Set([...start.keys(), ...pids()])) {
        const now = cpuTicks(pid);
        if (now !== undefined) ticks += now - (start.get(pid) ?? 0);
      }
      return ticks / ticksPerSecond;
    },
  };
}

/** Milliseconds a process's main thread has spent runnable but waiting for a CPU (Linux schedstat). */
export function runQueueWait(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Milliseconds some processes waited for a CPU between start and stop: on a shared machine, the
 * part of a latency that other people's processes took (a process that exits meanwhile is lost).
 */
export function runQueueMeter(pids: () => number[]): { stop(): number } {
  const start = new Map(pids().map((pid) => [pid, runQueueWait(pid) ?? 0]));
  return {
    stop() {
      let waited = 0;
      for (const pid of pids()) {
        const now = runQueueWait(pid);
        if (now !== undefined) waited += now - (start.get(pid) ?? 0);
      }
      return waited;
    },
  };
}
