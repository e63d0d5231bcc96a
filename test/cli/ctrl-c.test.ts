import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type HavenHome, havenHome, postmasterPid, processAlive } from './haven-cli.js';

/*
 * Ctrl-C in a terminal signals the whole foreground process group: npm, its shell and Haven each
 * get SIGINT, and npm forwards its own to the shell as well. That is one Ctrl-C, and it must stop
 * Haven and its PostgreSQL, as the README promises.
 */
const root = path.resolve(import.meta.dirname, '../..');
let home: HavenHome;

beforeAll(async () => {
  home = await havenHome();
});
afterAll(async () => home.cleanup());

describe('Ctrl-C on `npm start`', { timeout: 240_000 }, () => {
  it('stops Haven and its embedded PostgreSQL when the whole process group gets SIGINT, and again while it stops', async () => {
    // Its own process group, as a terminal gives a foreground job.
    const child = spawn('npm', ['start', '--silent', '--', '--no-demo'], {
      cwd: root,
      env: home.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('close', (code, signal) => resolve({ code, signal })),
    );
    try {
      expect(
        await eventually(() => stdout.includes('Haven is running at') || child.exitCode !== null, 120_000),
        `Haven started.\n${stderr}`,
      ).toBe(true);
      expect(stdout, stderr).toContain('Haven is running at');
      const postmaster = await postmasterPid(home.dir);
      expect(postmaster).toBeGreaterThan(0);

      // One Ctrl-C reaches every process of the group; the copy npm or tsx forwards reaches Haven
      // a moment later, once it has begun to stop (sent here as soon as it says so).
      process.kill(-child.pid!, 'SIGINT');
      expect(await eventually(() => /SIGINT: stopping Haven/.test(stderr), 30_000), stderr).toBe(true);
      process.kill(-child.pid!, 'SIGINT');
      const result = await Promise.race([
        exited,
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 90_000)),
      ]);
      expect(result, stderr).not.toBe('timeout');

      expect(stderr).toMatch(/SIGINT: stopping Haven and its PostgreSQL/);
      expect(stderr).not.toMatch(/again: exiting without waiting/);
      expect(
        // An upper bound for a busy machine, not a speed check: the condition is what is waited on.
        await eventually(() => !processAlive(postmaster!), 90_000),
        `postmaster ${postmaster} has exited.\n${stderr}`,
      ).toBe(true);
      expect(existsSync(path.join(home.dir, 'pg', 'postmaster.pid')), 'postmaster.pid is gone').toBe(false);
    } finally {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
});
