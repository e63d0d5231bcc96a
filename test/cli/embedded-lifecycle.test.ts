import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/access/actor.js';
import { openPool } from '../../src/platform/db/connect.js';
import { unitOfWork } from '../../src/platform/db/unit-of-work.js';
import {
  embeddedQuery,
  embeddedUrl,
  eventually,
  expectOneLineFailure,
  freePort,
  type HavenHome,
  havenHome,
  health,
  postmasterPid,
  processAlive,
  type Serving,
} from './haven-cli.js';

/*
 * One data folder through a whole life, in order (each initdb costs seconds, so the steps share
 * it): first start, SIGKILL and restart, port in use, Ctrl-C, a stale postmaster.pid, backup and
 * audit verify while running, a newer schema, a postmaster.pid naming a reused PID. (Restoring a
 * backup into a fresh folder is in backup-server.test.ts, which runs alongside.)
 */
let home: HavenHome;
let serving: Serving | undefined;
let firstPostmaster: number | undefined;
let postmasterFileText = '';
let backupFile = '';

beforeAll(async () => {
  home = await havenHome();
  backupFile = path.join(home.dir, 'haven.backup');
});
afterAll(async () => home.cleanup());

async function expectPostgresStopped(dir: string, pid: number | undefined) {
  expect(existsSync(path.join(dir, 'pg', 'postmaster.pid')), 'postmaster.pid is gone').toBe(false);
  // pg_ctl stop returns once postmaster.pid is removed, a moment before the process has exited.
  if (pid !== undefined) expect(await eventually(() => !processAlive(pid)), `postmaster ${pid} has exited`).toBe(true);
}

const socketPort = () => Number(postmasterFileText.split('\n')[3]);

/** A socket lock file (and the socket's leftover) as a killed postmaster leaves them, naming `pid`. */
async function leaveSocketLock(pid: number, owner: { uid: number; gid: number }) {
  const lock = path.join(home.dir, 'pg-socket', `.s.PGSQL.${socketPort()}.lock`);
  await writeFile(lock, `${pid}\n${path.join(home.dir, 'pg')}\n`, { mode: 0o600 });
  await writeFile(lock.slice(0, -'.lock'.length), '', { mode: 0o600 });
  await chown(lock, owner.uid, owner.gid);
}

/** A PID that no process has any more. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('close', resolve));
  if (child.pid === undefined) throw new Error('could not spawn `true`');
  return child.pid;
}

// Each step spawns Haven once or more (2–5 s each on two idle cores, far more on a busy machine).
describe('the embedded PostgreSQL through start, kill, restart and stop', { timeout: 300_000 }, () => {
  it('starts on a new data folder and answers /api/health', async () => {
    serving = await home.serve();
    expect(serving.url).toBe(`http://127.0.0.1:${home.env.PORT}`);
    expect(await health(serving.url)).toMatchObject({
      status: 200,
      body: { status: 'ok', database: { mode: 'embedded' } },
    });
    firstPostmaster = await postmasterPid(home.dir);
    expect(firstPostmaster).toBeGreaterThan(0);
    postmasterFileText = await readFile(path.join(home.dir, 'pg', 'postmaster.pid'), 'utf8');
    // Haven's own connections (its pool, its LISTEN) come through the Unix socket, which has no
    // client address; TCP on 127.0.0.1 still answers (this query comes by TCP).
    expect(existsSync(path.join(home.dir, 'pg-socket', `.s.PGSQL.${socketPort()}`))).toBe(true);
    const [row] = await embeddedQuery(
      home.dir,
      `SELECT host(inet_server_addr()) AS here,
              count(*) FILTER (WHERE client_addr IS NULL)::int AS socket,
              count(*) FILTER (WHERE client_addr IS NOT NULL)::int AS tcp
         FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND datname = 'haven' AND pid <> pg_backend_pid()`,
    );
    expect(row).toMatchObject({ here: '127.0.0.1', tcp: 0 });
    expect(row!.socket).toBeGreaterThan(0);
  });

  it('after SIGKILL of Haven, starts again by reusing the PostgreSQL left running', async () => {
    const killed = await serving!.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    // The postmaster outlives the killed Node process.
    expect(processAlive(firstPostmaster!)).toBe(true);

    serving = await home.serve();
    expect(serving.stderr()).toContain('Reusing the embedded PostgreSQL already running');
    expect(await postmasterPid(home.dir)).toBe(firstPostmaster);
    expect(await health(serving.url)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a PORT in use with one line naming it; neither that nor stop-db disturbs the running Haven and its PostgreSQL', async () => {
    const occupier = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => occupier.listen(port, '127.0.0.1', resolve));
    try {
      const [result, stopDb] = await Promise.all([
        home.run(['serve', '--no-demo'], { env: { PORT: String(port) } }),
        home.run(['stop-db']),
      ]);
      const line = expectOneLineFailure(result);
      expect(line).toMatch(new RegExp(`^haven: Port ${port} on 127\\.0\\.0\\.1 is already in use.*PORT=\\d+`));
      // stop-db will not pull the database from under a running Haven. The refused serve above runs at
      // the same time and may be listed too while it is still connected (before or after, by PID order).
      expect(expectOneLineFailure(stopDb)).toMatch(
        new RegExp(
          `^haven: Haven process (\\d+, )*${serving!.child.pid}(, \\d+)* is still using the embedded PostgreSQL.*--force`,
        ),
      );
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
    expect(await postmasterPid(home.dir)).toBe(firstPostmaster);
    expect(await health(serving!.url)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('stops Haven and its PostgreSQL on SIGINT', async () => {
    const stopped = await serving!.stop('SIGINT');
    serving = undefined;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/SIGINT: stopping Haven and its PostgreSQL/);
    await expectPostgresStopped(home.dir, firstPostmaster);
  });

  it('starts despite a stale postmaster.pid whose PID is dead', async () => {
    const pgdata = path.join(home.dir, 'pg');
    const owner = await stat(pgdata);
    const pidFile = path.join(pgdata, 'postmaster.pid');
    const pid = await deadPid();
    await writeFile(pidFile, postmasterFileText.replace(/^\d+/, String(pid)), { mode: 0o600 });
    await chown(pidFile, owner.uid, owner.gid);
    await leaveSocketLock(pid, owner);

    serving = await home.serve();
    expect(await health(serving.url)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await postmasterPid(home.dir)).not.toBe(pid);
  });

  it('makes a backup and verifies the audit log while Haven runs, without stopping its PostgreSQL', async () => {
    const postmaster = await postmasterPid(home.dir);
    // Some history to carry over: a change and its audit entries, written the normal way.
    const database = await openPool(await embeddedUrl(home.dir), undefined, 2);
    let entries = 0;
    try {
      await unitOfWork(database.db, systemActor('cli-test'), 'test.before-backup', async ({ trx, audit }) => {
        await trx
          .insertInto('settings')
          .values({ key: 'greeting', value: JSON.stringify('你好\n\\世界') })
          .execute();
        audit({ entityType: 'setting', entityId: 'greeting' });
        audit({ entityType: 'setting', entityId: 'greeting', details: { again: true } });
      });
      const counted = await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      entries = Number(counted.n);
    } finally {
      await database.close();
    }

    // Both at once, next to the running Haven: neither may stop the PostgreSQL it uses.
    const [backup, verify] = await Promise.all([home.run(['backup', backupFile]), home.run(['audit', 'verify'])]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backup written to .*haven\.backup: \d+ tables, \d+ rows, schema \S+\./m);
    expect(backup.stderr).toContain('Reusing the embedded PostgreSQL');
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    expect(verify.code, verify.stderr).toBe(0);
    const verified = Number(/The audit log is intact: (\d+) entries verified\./.exec(verify.stdout)?.[1]);
    expect(verified).toBeGreaterThanOrEqual(entries);

    expect(await postmasterPid(home.dir)).toBe(postmaster);
    expect(await health(serving!.url)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('refuses to serve a data folder migrated by a newer Haven with one line, and stops its PostgreSQL', async () => {
    await embeddedQuery(home.dir, "INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', now()::text)");
    const postmaster = await postmasterPid(home.dir);
    await serving!.stop('SIGINT');
    serving = undefined;
    await expectPostgresStopped(home.dir, postmaster);

    const serve = await home.run(['serve', '--no-demo']);
    expect(expectOneLineFailure(serve)).toMatch(
      /^haven: This database was migrated by a newer Haven \(it has 9999_future.*Upgrade Haven/,
    );
    await expectPostgresStopped(home.dir, undefined);
  });

  it('starts despite a postmaster.pid naming a live process that is not PostgreSQL (a reused PID)', async () => {
    const pgdata = path.join(home.dir, 'pg');
    const owner = await stat(pgdata);
    // Owned by the cluster's user, as a reused PID can be: PostgreSQL itself would refuse to start.
    const sleeper = spawn('sleep', ['60'], { uid: owner.uid, gid: owner.gid, stdio: 'ignore' });
    try {
      const pidFile = path.join(pgdata, 'postmaster.pid');
      await writeFile(pidFile, postmasterFileText.replace(/^\d+/, String(sleeper.pid)), { mode: 0o600 });
      await chown(pidFile, owner.uid, owner.gid);
      // The socket's lock names the same live PID: PostgreSQL would refuse it too ("is another postmaster using socket file?").
      await leaveSocketLock(sleeper.pid!, owner);
      const status = await home.run(['migrate', '--status']);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stderr).toMatch(/Removed a stale .*postmaster\.pid \(PID \d+ is not a running PostgreSQL/);
      expect(status.stderr).toMatch(
        /Removed a stale socket lock .*\.s\.PGSQL\.\d+\.lock \(PID \d+ is not a running PostgreSQL/,
      );
      expect(JSON.parse(status.stdout)).toMatchObject({ unknown: ['9999_future'] });
      expect(processAlive(sleeper.pid!)).toBe(true);
      await expectPostgresStopped(home.dir, undefined);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('starts on TCP alone when PostgreSQL can create no Unix socket in its folder', async () => {
    const folder = path.join(home.dir, 'pg-socket');
    // Not writable for the cluster's user, as a file system without sockets refuses them.
    await chmod(folder, 0o500);
    try {
      const status = await home.run(['migrate', '--status']);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stderr).toMatch(/listens on TCP only: it could not create its Unix socket in .*pg-socket/);
      expect(JSON.parse(status.stdout)).toMatchObject({ unknown: ['9999_future'] });
      await expectPostgresStopped(home.dir, undefined);
    } finally {
      await chmod(folder, 0o700);
    }
  });
});
