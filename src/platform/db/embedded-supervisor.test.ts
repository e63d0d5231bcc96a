import { describe, expect, it } from 'vitest';
import { superviseEmbedded } from './embedded-supervisor.js';

async function until(check: () => boolean) {
  for (let i = 0; i < 1000 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  return check();
}

describe('the embedded PostgreSQL supervisor', () => {
  it('starts a postmaster that is gone again, and says so', async () => {
    let alive = true;
    let starts = 0;
    const lines: string[] = [];
    const supervisor = superviseEmbedded({
      isAlive: async () => alive,
      restart: async () => {
        starts += 1;
        alive = true;
      },
      log: (line) => lines.push(line),
      pollMs: 10,
    });
    try {
      alive = false;
      expect(await until(() => supervisor.restarts === 1)).toBe(true);
      expect(starts).toBe(1);
      expect(lines).toEqual([
        'The embedded PostgreSQL is gone (killed or crashed); starting it again…',
        'The embedded PostgreSQL is running again; Haven reconnects to it.',
      ]);
    } finally {
      await supervisor.stop();
    }
  });

  it('retries a start that fails, with a growing pause, until it succeeds', async () => {
    let alive = false;
    let attempts = 0;
    const lines: string[] = [];
    const supervisor = superviseEmbedded({
      isAlive: async () => alive,
      restart: async () => {
        attempts += 1;
        // The dead postmaster's backends still hold its shared memory for a moment.
        if (attempts < 3) throw new Error('pre-existing shared memory block is still in use');
        alive = true;
      },
      log: (line) => lines.push(line),
      pollMs: 5,
      firstBackoffMs: 5,
    });
    try {
      expect(await until(() => supervisor.restarts === 1)).toBe(true);
      expect(attempts).toBe(3);
      expect(lines.filter((line) => line.includes('did not start again'))).toEqual([
        'The embedded PostgreSQL did not start again (pre-existing shared memory block is still in use); next attempt in 0 s.',
        'The embedded PostgreSQL did not start again (pre-existing shared memory block is still in use); next attempt in 0 s.',
      ]);
      expect(lines).toContain('The embedded PostgreSQL is gone; starting it again (attempt 3)…');
    } finally {
      await supervisor.stop();
    }
  });

  it('stops after a start in progress has finished, and starts nothing after stop()', async () => {
    let alive = false;
    let finishStart: () => void = () => undefined;
    let attempts = 0;
    const supervisor = superviseEmbedded({
      isAlive: async () => alive,
      restart: () => {
        attempts += 1;
        return new Promise<void>((resolve) => (finishStart = resolve));
      },
      log: () => undefined,
      pollMs: 5,
    });
    expect(await until(() => attempts === 1)).toBe(true);
    const stopped = supervisor.stop();
    finishStart();
    await stopped;
    alive = false;
    supervisor.nudge();
    await new Promise((resolve) => setImmediate(resolve));
    expect(attempts).toBe(1);
  });
});
