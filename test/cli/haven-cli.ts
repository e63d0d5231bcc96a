import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/*
 * Runs `node bin/haven.js …` as a user would, each data folder with its own ports.
 * Every wait is bounded, so a Haven that hangs fails the test instead of stalling the run.
 */

const root = path.resolve(import.meta.dirname, '../..');
// bin/haven.js over src/ transpiled once for the run (test/support/compiled-cli.ts), or the real one
// through tsx with HAVEN_TEST_CLI=tsx (or outside a test run that compiled it).
const bin = compiledCliBin() ?? path.join(root, 'bin/haven.js');

function compiledCliBin(): string | undefined {
  try {
    return inject('havenCliBin') || undefined;
  } catch {
    return undefined;
  }
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface HavenHome {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs one command to its end (at most `timeoutMs`). */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Finished>;
  /** Starts `serve --no-demo` (or `args`) and resolves once it prints "Haven is running at …". */
  serve(options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number; args?: string[] }): Promise<Serving>;
  /** Kills what is still running, stops a running embedded PostgreSQL (`haven stop-db`), removes the folder. */
  cleanup(): Promise<void>;
}

export interface Serving {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends a signal and waits for the process to end. */
  stop(signal: NodeJS.Signals, timeoutMs?: number): Promise<Finished>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The test runner's environment without anything that configures Haven or Vitest. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(HAVEN_|VITEST|TEST_DATABASE_URL$|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_OPTIONS$|NODE_ENV$)/.test(key))
      continue;
    env[key] = value;
  }
  return env;
}

export async function havenHome(extra: NodeJS.ProcessEnv = {}): Promise<HavenHome> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'haven-cli-'));
  // The embedded PostgreSQL runs as the `postgres` user when we are root: it must traverse this.
  await chmod(dir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    HAVEN_DATA_DIR: dir,
    // The run's installation key (vitest.config.ts): the test's own entries and backups are keyed with it.
    ...(process.env.HAVEN_SECRET_KEY ? { HAVEN_SECRET_KEY: process.env.HAVEN_SECRET_KEY } : {}),
    HAVEN_EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  const children = new Set<ChildProcess>();

  const launch = (args: string[], childEnv: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const out = { stdout: '', stderr: '' };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
    const finished = new Promise<Finished>((resolve) => {
      child.once('close', (code, signal) => {
        children.delete(child);
        resolve({ code, signal, ...out });
      });
    });
    return { child, out, finished };
  };

  const within = async <T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), timeoutMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  const home: HavenHome = {
    dir,
    env,
    run: async (args, options = {}) => {
      const { child, out, finished } = launch(args, { ...env, ...options.env });
      const timeoutMs = options.timeoutMs ?? 90_000;
      return within(finished, timeoutMs, () => {
        child.kill('SIGKILL');
        return new Error(
          `haven ${args.join(' ')} did not finish within ${timeoutMs} ms.\nstdout: ${out.stdout}\nstderr: ${out.stderr}`,
        );
      });
    },
    serve: async (options = {}) => {
      const { child, out, finished } = launch(options.args ?? ['serve', '--no-demo'], { ...env, ...options.env });
      const timeoutMs = options.timeoutMs ?? 90_000;
      const ready = new Promise<string>((resolve, reject) => {
        const check = () => {
          const match = /Haven is running at (http:\/\/\S+)/.exec(out.stdout);
          if (match?.[1]) resolve(match[1]);
        };
        child.stdout?.on('data', check);
        void finished.then((result) =>
          reject(
            new Error(
              `haven serve ended (code ${result.code}, signal ${result.signal}) before it was ready.\nstdout: ${result.stdout}\nstderr: ${result.stderr}`,
            ),
          ),
        );
      });
      const url = await within(ready, timeoutMs, () => {
        child.kill('SIGKILL');
        return new Error(
          `haven serve was not ready within ${timeoutMs} ms.\nstdout: ${out.stdout}\nstderr: ${out.stderr}`,
        );
      });
      return {
        child,
        url,
        stdout: () => out.stdout,
        stderr: () => out.stderr,
        stop: async (signal, stopTimeoutMs = 60_000) => {
          child.kill(signal);
          return within(finished, stopTimeoutMs, () => {
            child.kill('SIGKILL');
            return new Error(`haven serve did not end within ${stopTimeoutMs} ms of ${signal}.\nstderr: ${out.stderr}`);
          });
        },
      };
    },
    cleanup: async () => {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all([...children].map((child) => new Promise((resolve) => child.once('close', resolve))));
      // `haven stop-db` whenever a postmaster may be running (it costs a Node start-up otherwise).
      if (existsSync(path.join(dir, 'pg', 'postmaster.pid'))) {
        const stopped = await home.run(['stop-db'], { timeoutMs: 60_000 });
        if (stopped.code !== 0) throw new Error(`haven stop-db failed: ${stopped.stderr}`);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  return home;
}

/** stderr lines, without the progress lines a command prints before it fails. */
export function failureLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('haven:'));
}

/** What every failure must look like: exit code 1, one `haven: …` line as the last word, no stack. */
export function expectOneLineFailure(result: Finished): string {
  const lines = result.stderr.trimEnd().split('\n');
  const failures = failureLines(result.stderr);
  const problems = [
    result.code === 1 ? undefined : `exit code ${result.code} (signal ${result.signal}), expected 1`,
    failures.length === 1 ? undefined : `${failures.length} "haven:" lines, expected 1`,
    lines.at(-1)?.startsWith('haven:') ? undefined : 'the last stderr line is not the "haven:" line',
    lines.some((line) => /^\s+at /.test(line)) ? 'a stack trace' : undefined,
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(`${problems.join('; ')}.\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return failures[0] ?? '';
}

/** The PID in <dir>/pg/postmaster.pid, or undefined when there is no such file. */
export async function postmasterPid(dir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number(text.split('\n')[0]);
}

/** Is `pid` running (a zombie, exited but not yet reaped, is not)? */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readFileSyncOrEmpty(`/proc/${pid}/stat`);
  return !/^\d+ \(.*\) [ZX]/s.test(stat);
}

function readFileSyncOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Polls until `check` holds (a process takes a moment to exit after its pid file is gone). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The connection URL of the embedded PostgreSQL of a data folder while it is running. */
export async function embeddedUrl(dir: string): Promise<string> {
  const credentials = JSON.parse(await readFile(path.join(dir, 'pg-credentials.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const pidFile = await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8');
  const port = Number(pidFile.split('\n')[3]);
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/haven`;
}

/** Runs SQL on the embedded PostgreSQL of a data folder while it is running. */
export async function embeddedQuery(dir: string, text: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: await embeddedUrl(dir) });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

export async function health(
  url: string,
): Promise<{ status: number; body: { status?: string; database?: { mode?: string } } }> {
  const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    body: (await response.json()) as { status?: string; database?: { mode?: string } },
  };
}
