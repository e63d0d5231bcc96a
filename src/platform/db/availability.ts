import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/*
 * Whether the database is there, as this process last saw it. The pool and every client in it
 * report connection losses here (instead of crashing the process with an unhandled 'error'); a
 * pg pool makes new connections by itself once the server is back.
 */

/** Seconds a client should wait before retrying while the database is away (the Retry-After header). */
export const databaseRetryAfterSeconds = 5;

// Connection exceptions (08xxx), operator intervention (57P01 admin shutdown, 57P02 crash
// shutdown, 57P03 cannot connect now) and the socket errors of a server that is gone.
const lossCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
]);
const lossMessages = [
  /^Connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /^Connection ended unexpectedly/i,
];

/** Is this error the database being away (not a problem with the request)? Looks through `cause` and AggregateError. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (lossCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (lossMessages.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
    return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}

export class DatabaseAvailability {
  /** Counts losses: a change committed in one epoch is only known durable if no loss came between. */
  epoch = 0;
  private listeners = new Set<(error: unknown) => void>();

  /** A connection was lost (a client's or the pool's 'error' event, or a failed query). */
  lost(error: unknown): void {
    this.epoch += 1;
    for (const listener of this.listeners) listener(error);
  }

  onLost(listener: (error: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const byHandle = new WeakMap<Kysely<Database>, DatabaseAvailability>();

export function registerAvailability(db: Kysely<Database>, availability: DatabaseAvailability): void {
  byHandle.set(db, availability);
}

/** The availability of a handle opened by `openPool` (undefined for one made otherwise). */
export function availabilityOf(db: Kysely<Database>): DatabaseAvailability | undefined {
  return byHandle.get(db);
}

/** Thrown when a change may not be durable because the connection was lost after it committed. */
export class DatabaseLostError extends Error {
  override readonly name = 'DatabaseLostError';
  readonly code = '08006';
}
