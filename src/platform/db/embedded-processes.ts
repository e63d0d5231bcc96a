import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/* Which processes use the embedded cluster, and whether a PID is still the process it was. */

export async function registerClient(folder: string): Promise<() => Promise<void>> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, String(process.pid));
  await writeFile(file, (await processStartTime(process.pid)) ?? '');
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await rm(file, { force: true });
  };
}

export async function liveClients(folder: string): Promise<number[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    const recorded = await readFile(path.join(folder, name), 'utf8').catch(() => '');
    const current = processAlive(pid) ? await processStartTime(pid) : undefined;
    // A PID is only the same process if it also started at the same time (PIDs are reused).
    const same = processAlive(pid) && (recorded === '' || current === undefined || recorded === current);
    if (same) live.push(pid);
    else await rm(path.join(folder, name), { force: true });
  }
  return live;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A zombie (exited, not yet reaped by its parent) still answers kill(pid, 0).
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return !existsSync('/proc/self');
  }
}

/** Linux: the start time in /proc/<pid>/stat (field 22); elsewhere undefined. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** Is `pid` a PostgreSQL server, and (when its command line says) one serving `pgdata`? */
export async function isPostmasterOf(pid: number, pgdata: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  // Without /proc (not Linux), or not allowed to look: trust pg_ctl, the process is alive.
  if (cmdline === undefined) return true;
  const args = cmdline.split('\0');
  const program = path.basename(args[0] ?? '');
  if (!program.startsWith('postgres') && !program.startsWith('postmaster')) return false;
  const dataArg = args.indexOf('-D');
  const dir = dataArg >= 0 ? args[dataArg + 1] : undefined;
  if (!dir) return true;
  const [a, b] = await Promise.all([realpath(dir).catch(() => dir), realpath(pgdata).catch(() => pgdata)]);
  return a === b;
}
