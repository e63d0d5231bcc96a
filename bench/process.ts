import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Resident memory of a process in MB (Linux /proc), or NaN when it is gone. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples RSS every 100 ms until stopped; returns the peak. */
export function sampleRss(pid: number | undefined): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now > peak || Number.isNaN(peak)) peak = now;
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** The process and everything it started (a CLI that re-runs itself with a bounded heap), in MB. */
export function treeRssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  let total = rssMb(pid);
  for (const child of childrenOf(pid)) {
    const rss = treeRssMb(child);
    if (!Number.isNaN(rss)) total += rss;
  }
  return total;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Samples the RSS of a process tree every 100 ms until stopped: the peak, and every sample (to see it flat or climbing). */
export function sampleTreeRss(pid: number | undefined): { stop(): { peak: number; samples: number[] } } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const now = treeRssMb(pid);
    if (!Number.isNaN(now)) samples.push(now);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return { peak: samples.length > 0 ? Math.max(...samples) : Number.NaN, samples };
    },
  };
}

export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startBenchServer(databaseUrl: string): Promise<BenchServer> {
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server alone (`--cpu-prof --cpu-prof-dir=…` to profile it).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'bench/server.ts'], {
    env: { ...process.env, BENCH_SERVER_DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
