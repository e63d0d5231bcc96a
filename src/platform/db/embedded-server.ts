import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { embeddedBinaries } from './embedded-binaries.js';
import { asOwner, EmbeddedPostgresError, errorOutput, makeTraversable, type Owner, run } from './embedded-os.js';
import { isPostmasterOf, processAlive } from './embedded-processes.js';

/* pg_ctl and initdb steps of the embedded cluster: each one a small function startEmbeddedPostgres composes. */

export interface Credentials {
  user: string;
  password: string;
  port: number;
}

export async function stopServer(pgCtl: string, pgdata: string, owner: Owner | undefined) {
  try {
    await asOwner(pgCtl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], owner);
  } catch (error) {
    // Stopped meanwhile by someone else: nothing left to do.
    if (!(await isRunning(pgCtl, pgdata, owner))) return;
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${pgdata} did not stop: ${errorOutput(error)}`);
  }
}

/**
 * Is a postmaster running on `pgdata`? A postmaster.pid whose PID is dead, or now belongs to a
 * program other than PostgreSQL (PIDs are reused after a reboot or a container restart), is
 * stale: it is removed so that PostgreSQL starts instead of refusing.
 */
export async function postmasterRunning(
  pgCtl: string,
  pgdata: string,
  owner: Owner | undefined,
  log: (line: string) => void,
): Promise<boolean> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? undefined : null,
  );
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
  log(
    `Removed a stale ${pidFile} (PID ${Number.isInteger(pid) && pid > 0 ? pid : '?'} is not a running PostgreSQL: left by a crash or a killed server)`,
  );
  return false;
}

export async function initialise(initdb: string, pgdata: string, credentials: Credentials, owner: Owner | undefined) {
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
      [
        `--pgdata=${pgdata}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      owner,
    );
  } catch (error) {
    await rm(pgdata, { recursive: true, force: true });
    throw new EmbeddedPostgresError(`initdb failed in ${pgdata}: ${errorOutput(error)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

const megabytes = 1024 * 1024;

/**
 * PostgreSQL's defaults suit a very small machine: 128 MB of buffers and a checkpoint for every
 * 1 GB of WAL. Haven's writes land on many random index pages (the registry's search indexes, the
 * audit chain), and after each checkpoint the first change to a page logs the whole page: at a
 * million children a 100k-row import wrote 4.7 GB of WAL under 27 forced checkpoints and spent a
 * third of its time there (docs/performance.md). An eighth of the memory for buffers (between the
 * default and 1 GB), checkpoints every 15 minutes or 4 GB. A server given by DATABASE_URL is its
 * administrator's to tune (docs/operations.md).
 */
export function tunedSettings(totalMemory = os.totalmem()): Record<string, string> {
  const buffers = Math.min(1024, Math.max(128, Math.floor(totalMemory / 8 / megabytes)));
  return {
    shared_buffers: `${buffers}MB`,
    effective_cache_size: `${Math.max(512, Math.floor(totalMemory / 2 / megabytes))}MB`,
    max_wal_size: '4GB',
    checkpoint_timeout: '15min',
  };
}

/** `socketFolder`: also listen on a Unix-domain socket there (embedded-socket.ts); TCP on 127.0.0.1 always. */
export async function start(
  pgCtl: string,
  pgdata: string,
  port: number,
  owner: Owner | undefined,
  socketFolder?: string,
) {
  const logFile = path.join(pgdata, 'haven-postgres.log');
  const tuned = Object.entries(tunedSettings())
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${socketFolder ?? ''}' -c max_connections=200 ${tuned}`;
  try {
    await asOwner(pgCtl, ['start', '-D', pgdata, '-w', '-t', '60', '-l', logFile, '-o', serverOptions], owner);
  } catch (error) {
    const tail = await readFile(logFile, 'utf8').then(
      (text) => text.trim().split('\n').slice(-3).join(' | '),
      () => '',
    );
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start: ${tail || errorOutput(error)} (log: ${logFile})`,
    );
  }
}

export async function isRunning(pgCtl: string, pgdata: string, owner: Owner | undefined): Promise<boolean> {
  try {
    await asOwner(pgCtl, ['status', '-D', pgdata], owner);
    return true;
  } catch (error) {
    // pg_ctl says "not running" with exit code 3 (4: no data folder). Any other failure (killed,
    // could not start on a loaded machine) proves nothing: then the postmaster.pid decides, so a
    // stop never leaves a running PostgreSQL behind because pg_ctl itself failed.
    const code = (error as { code?: unknown }).code;
    if (code === 3 || code === 4) return false;
    const pid = Number((await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && processAlive(pid);
  }
}

export async function runningPort(pgdata: string): Promise<number | undefined> {
  const lines = (await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

export async function assertCompatibleVersion(pgdata: string) {
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

export async function assertPortFree(port: number) {
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

export async function ensureDatabase(credentials: Credentials, port: number, database: string, pgdata: string) {
  const { default: pg } = await import('pg');
  // A server another Haven is starting this very moment answers "starting up" (57P03) or not at all for a few seconds.
  const deadline = Date.now() + 15_000;
  let client: InstanceType<typeof pg.Client>;
  for (;;) {
    client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: credentials.user,
      password: credentials.password,
      database: 'postgres',
      connectionTimeoutMillis: 15_000,
    });
    // A connection lost between queries rejects the next query; unheard, its 'error' event would end the process.
    client.on('error', () => undefined);
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

export async function readCredentials(file: string): Promise<Credentials | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}
