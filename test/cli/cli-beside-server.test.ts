import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type HavenHome,
  havenHome,
  health,
  postmasterPid,
  processAlive,
  type Serving,
} from './haven-cli.js';

/*
 * A one-off command (`haven audit verify`, backup, migrate…) opens the embedded PostgreSQL. It
 * stops it afterwards only if it started it itself: one already running serves a Haven, even a
 * Haven this command cannot see (another container or user sharing the data folder, where its
 * PID means nothing here).
 */
let home: HavenHome;
let serving: Serving | undefined;

beforeAll(async () => {
  home = await havenHome();
});
afterAll(async () => home.cleanup());

describe('a CLI command beside a running Haven', { timeout: 300_000 }, () => {
  it('`haven audit verify` leaves running the embedded PostgreSQL of a Haven it cannot see', async () => {
    serving = await home.serve();
    const postmaster = await postmasterPid(home.dir);
    // The server's registration as a user of the cluster, invisible from where the command runs.
    const clients = path.join(home.dir, 'pg-clients');
    for (const name of await readdir(clients)) await rm(path.join(clients, name));

    const verify = await home.run(['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/The audit log is intact/);
    expect(verify.stderr).toContain('Reusing the embedded PostgreSQL');

    expect(await postmasterPid(home.dir)).toBe(postmaster);
    expect(processAlive(postmaster!)).toBe(true);
    expect(await health(serving.url)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('a command that started the embedded PostgreSQL itself stops it again', async () => {
    const postmaster = await postmasterPid(home.dir);
    await serving!.stop('SIGINT');
    serving = undefined;
    expect(await eventually(() => !processAlive(postmaster!))).toBe(true);

    const verify = await home.run(['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).not.toContain('Reusing the embedded PostgreSQL');
    expect(existsSync(path.join(home.dir, 'pg', 'postmaster.pid')), 'postmaster.pid is gone').toBe(false);
  });
});
