import type { SessionRecord } from './sessions.js';
import type { UserAccount } from './load-actor.js';

/** The channel migration 0194's triggers notify: a user's id, or '*' for everyone. */
export const sessionChannel = 'haven_sessions';

export interface SessionLookup {
  session: SessionRecord;
  account: UserAccount;
}

interface Entry {
  found: SessionLookup;
  expiresAt: number;
}

const live = new Set<SessionCache>();

/**
 * A signed-in session's lookup (session, account, roles, scope) kept in this process for at most
 * `ttlMs`. Served only while the process's listener on `haven_sessions` is known to be alive, so a
 * change in another process reaches it by notice; the TTL is the bound when a notice is lost
 * anyway. A lookup that began before a change (its `ticket` is older) is not kept.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private aliveUntil = 0;

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {
    live.add(this);
  }

  /** Taken before a lookup reads the database; `keep` refuses the result if anything changed since. */
  ticket(): number {
    return this.generation;
  }

  get(tokenHash: string): SessionLookup | undefined {
    if (!this.serving()) return undefined;
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.found;
    this.entries.delete(tokenHash);
    return undefined;
  }

  keep(tokenHash: string, ticket: number, found: SessionLookup): void {
    if (ticket !== this.generation || !this.serving()) return;
    if (this.entries.size >= this.maxEntries) this.prune();
    this.entries.set(tokenHash, { found, expiresAt: this.now() + this.ttlMs });
  }

  drop(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Drops one user's sessions ('*': everyone's), and refuses lookups already under way. */
  forget(userId: string): void {
    this.generation++;
    if (userId === '*') this.entries.clear();
    else for (const [key, entry] of this.entries) if (entry.found.account.id === userId) this.entries.delete(key);
  }

  /** The listener proved itself until then. */
  alive(until: number): void {
    const wasDown = this.aliveUntil <= this.now();
    // Back after a loss: notices sent while it was down are lost, so nothing read before is kept.
    if (wasDown) this.forget('*');
    this.aliveUntil = until;
  }

  down(): void {
    this.aliveUntil = 0;
    this.forget('*');
  }

  close(): void {
    this.down();
    live.delete(this);
  }

  private serving(): boolean {
    return this.ttlMs > 0 && this.aliveUntil > this.now();
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}

/**
 * Called by a change to a user's sessions, account or roles once it has committed: this process
 * stops answering from what it kept at once (other processes hear it from migration 0194's notice).
 */
export function sessionsChanged(userId: string): void {
  for (const cache of live) cache.forget(userId);
}

/** Runs a change to a user's sessions, account or roles, then `sessionsChanged` — also when it failed after committing. */
export async function changingSessionsOf<T>(userId: string, change: Promise<T>): Promise<T> {
  try {
    return await change;
  } finally {
    sessionsChanged(userId);
  }
}
