import { execFile, spawn } from 'node:child_process';
import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/* The operating-system side of the embedded PostgreSQL: the user it runs as, folder permissions, commands. */

export const run = promisify(execFile);

export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

export interface Owner {
  uid: number;
  gid: number;
}

export async function clusterOwner(): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  // PostgreSQL refuses to run as root: use (or create) the conventional `postgres` user.
  const ids = await lookupUser('postgres');
  if (ids) return ids;
  try {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-r', '-g', 'postgres', '-s', '/usr/sbin/nologin', 'postgres']);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Running as root, Haven needs a 'postgres' system user for its embedded PostgreSQL and could not create one (${String(error)}). Create it, or run Haven as a normal user.`,
    );
  }
  const created = await lookupUser('postgres');
  if (!created) throw new EmbeddedPostgresError("The 'postgres' system user could not be found after creating it.");
  return created;
}

export async function lookupUser(name: string): Promise<Owner | undefined> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** Adds only the search (x) bit for others on each folder from `dir` up to the root. */
export async function makePathTraversable(dir: string) {
  for (let current = dir; ; current = path.dirname(current)) {
    await makeTraversable(current).catch(() => undefined);
    if (path.dirname(current) === current) return;
  }
}

export async function makeTraversable(dir: string) {
  const info = await stat(dir);
  if ((info.mode & 0o001) === 0) await chmod(dir, info.mode | 0o711);
}

export async function exists(file: string) {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Runs a PostgreSQL program as the cluster's owner, in a session of its own: a terminal's Ctrl-C
 * signals its whole foreground process group, and must not kill the `pg_ctl stop` that Haven runs
 * because of it. Rejects like execFile: an Error carrying `stdout`, `stderr` and `code`.
 */
export async function asOwner(
  command: string,
  args: string[],
  owner: Owner | undefined,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(owner ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(Object.assign(error, { stdout, stderr }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          Object.assign(new Error(`${command} ${args[0] ?? ''} failed (${signal ?? `exit code ${code}`})`), {
            code,
            signal,
            stdout,
            stderr,
          }),
        );
    });
  });
}

/** One line about a failure: a command's stderr, a pg error's code, the reasons inside an AggregateError. */
export function errorOutput(error: unknown): string {
  if (
    error &&
    typeof error === 'object' &&
    'stderr' in error &&
    typeof error.stderr === 'string' &&
    error.stderr.trim()
  ) {
    return error.stderr.trim().split('\n').join(' | ');
  }
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(errorOutput))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message || (code ? String(code) : error.name);
  }
  return String(error);
}
