/*
 * Keeps the embedded PostgreSQL of a running Haven up: when the postmaster is gone (killed, out of
 * memory, crashed) it is started again on the same port, with a growing pause between failed
 * attempts. The pool reconnects by itself once it answers; meanwhile requests get a 503.
 */

export interface EmbeddedSupervisor {
  /** How many times the postmaster was started again. */
  readonly restarts: number;
  /** Look now instead of at the next poll (a connection was just lost). */
  nudge(): void;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Cheap: is the postmaster process still there? */
  isAlive(): Promise<boolean>;
  /** Starts it again (or finds it started by another Haven); throws when it could not. */
  restart(): Promise<void>;
  log(line: string): void;
  pollMs?: number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
}

export function superviseEmbedded(options: SupervisorOptions): EmbeddedSupervisor {
  const pollMs = options.pollMs ?? 1000;
  const firstBackoffMs = options.firstBackoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  let stopped = false;
  let restarts = 0;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void check(), ms);
    timer.unref();
  };

  const checkOnce = async () => {
    if (await options.isAlive()) {
      failures = 0;
      return pollMs;
    }
    if (stopped) return pollMs;
    options.log(
      failures === 0
        ? 'The embedded PostgreSQL is gone (killed or crashed); starting it again…'
        : `The embedded PostgreSQL is gone; starting it again (attempt ${failures + 1})…`,
    );
    try {
      await options.restart();
      restarts += 1;
      failures = 0;
      options.log('The embedded PostgreSQL is running again; Haven reconnects to it.');
      return pollMs;
    } catch (error) {
      failures += 1;
      const wait = Math.min(maxBackoffMs, firstBackoffMs * 2 ** (failures - 1));
      options.log(
        `The embedded PostgreSQL did not start again (${error instanceof Error ? error.message : String(error)}); next attempt in ${Math.round(wait / 1000)} s.`,
      );
      return wait;
    }
  };

  const check = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // One check at a time; a nudge during a check is answered by that check.
    checking ??= checkOnce()
      .catch(() => pollMs)
      .then((next) => {
        checking = undefined;
        schedule(next);
      });
    return checking;
  };

  schedule(pollMs);
  return {
    get restarts() {
      return restarts;
    },
    nudge: () => {
      // While backing off after a failed start, a nudge does not hurry the next attempt.
      if (failures === 0) void check();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await checking;
    },
  };
}
