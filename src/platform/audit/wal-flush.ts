import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Makes transactions that committed with `synchronous_commit = off` durable. A transaction that
 * writes WAL and has an id flushes the WAL up to its own commit record when it commits
 * synchronously, and WAL is flushed in order, so every commit before it is durable too. A
 * transactional logical message is the smallest such transaction (any role may emit one, from
 * PostgreSQL 9.6; nothing reads it unless logical decoding is set up).
 *
 * Callers share flushes: one that starts after a caller's commit covers it, so concurrent callers
 * cost one round trip and one WAL flush, not one each.
 */
export class WalFlusher {
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly flush: () => Promise<void>) {}

  /** Resolves once everything this process committed before the call is on disk. */
  durable(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.inFlight) return this.start();
    // The running flush may have started before the caller's commit: wait for the next one.
    this.queued = this.inFlight.then(noop, noop).then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<void> {
    const flight = this.flush().finally(() => {
      if (this.inFlight === flight) this.inFlight = undefined;
    });
    this.inFlight = flight;
    return flight;
  }
}

const noop = () => undefined;

const flushers = new WeakMap<Kysely<Database>, WalFlusher>();

export function walFlusherFor(db: Kysely<Database>): WalFlusher {
  let flusher = flushers.get(db);
  if (!flusher) {
    flusher = new WalFlusher(() => flushWal(db));
    flushers.set(db, flusher);
  }
  return flusher;
}

/** One flush of the WAL up to now (see WalFlusher). */
export async function flushWal(db: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_logical_emit_message(true, 'haven.audit', '')`.execute(db);
}
