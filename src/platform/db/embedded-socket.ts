import { chown, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Owner } from './embedded-os.js';
import { isPostmasterOf, processAlive } from './embedded-processes.js';

/*
 * The embedded PostgreSQL also listens on a Unix-domain socket in a folder of its installation, and
 * Haven's own connections use it, skipping TCP's path for every message (the pg client's `writev`
 * is a quarter of the server process's busy CPU; how much of that the socket saves is measured in
 * docs/performance.md, session 16). TCP on 127.0.0.1 stays for external tools.
 */

/** A socket's path must fit `sockaddr_un.sun_path` (108 bytes with its terminating zero). */
const maxSocketPath = 107;

export const socketFolderName = 'pg-socket';

/**
 * The folder for the socket, or why there is none. The folder goes into pg_ctl's `-o` options,
 * which a shell reads: a path with anything but plain characters is not passed there.
 */
export function socketFolder(dataDir: string, port: number): { folder: string } | { reason: string } {
  const folder = path.join(path.resolve(dataDir), socketFolderName);
  const socket = socketPath(folder, port);
  if (Buffer.byteLength(socket) > maxSocketPath)
    return { reason: `its path ${socket} is longer than the ${maxSocketPath} bytes a Unix socket allows` };
  if (!/^[A-Za-z0-9/._-]+$/.test(folder))
    return { reason: `its folder ${folder} has characters other than letters, digits, '/', '.', '_' and '-'` };
  return { folder };
}

export function socketPath(folder: string, port: number): string {
  return path.join(folder, `.s.PGSQL.${port}`);
}

/** Creates the folder, the cluster owner's alone (0700: only its owner, and root, may connect through it). */
export async function prepareSocketFolder(folder: string, owner: Owner | undefined): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  if (owner) await chown(folder, owner.uid, owner.gid);
}

/**
 * Removes socket lock files (and their sockets) that no running postmaster of `pgdata` holds. A
 * killed postmaster leaves `.s.PGSQL.<port>.lock` naming its PID; PostgreSQL removes it itself
 * when that PID is dead, but refuses to start when the PID now belongs to another live program
 * (PIDs are reused after a reboot or a container restart). Called only when no postmaster runs.
 */
export async function removeStaleSocketFiles(
  folder: string,
  pgdata: string,
  log: (line: string) => void,
): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!/^\.s\.PGSQL\.\d+\.lock$/.test(name)) continue;
    const lock = path.join(folder, name);
    const pid = Number((await readFile(lock, 'utf8').catch(() => '')).split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && (await isPostmasterOf(pid, pgdata))) continue;
    await rm(lock, { force: true });
    await rm(lock.slice(0, -'.lock'.length), { force: true });
    log(`Removed a stale socket lock ${lock} (PID ${pid || '?'} is not a running PostgreSQL of ${pgdata})`);
  }
}

/**
 * The socket folder a running postmaster listens in (line 5 of postmaster.pid), if it has a socket
 * for `port` there: a postmaster started by an older Haven has none, and is then reached by TCP.
 */
export async function runningSocketFolder(pgdata: string, port: number): Promise<string | undefined> {
  const lines = (await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const folder = lines[4]?.trim();
  if (!folder) return undefined;
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.includes(`.s.PGSQL.${port}`) ? folder : undefined;
}

/** The connection URL: TCP's host and port stay in it (tools read them); `host=` sends pg through the socket. */
export function connectionUrl(
  credentials: { user: string; password: string },
  port: number,
  database: string,
  socket: string | undefined,
): string {
  const base = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  return socket ? `${base}?${new URLSearchParams({ host: socket }).toString()}` : base;
}
