import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { insertChained, type PreparedEntry } from './chain-write.js';
import { flushWal } from './wal-flush.js';

interface Waiting {
  entry: PreparedEntry;
  resolve(): void;
  reject(error: unknown): void;
}

// 14 parameters a row: far below PostgreSQL's 65,535 bind parameters.
const maxBatch = 1000;

/**
 * Group commit for audit entries that stand alone (reads, refusals): entries recorded while a
 * batch is being written wait for the next one, and each batch is one statement (one chain lock,
 * one insert, its own transaction) followed by one WAL flush, which does not hold the lock. Every
 * caller is answered only after its batch is committed and on disk; when a batch fails, every
 * caller in it gets the error, so nothing is shown unaudited.
 *
 * While there is work the appender keeps one connection of the pool: under load, waiting in the
 * pool's queue behind the requests it holds up would make every batch, and so every read, slow.
 */
export class AuditGroupCommit {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly write: (db: Kysely<Database>, entries: readonly PreparedEntry[]) => Promise<void> = writeBatch,
    private readonly durable: (db: Kysely<Database>) => Promise<void> = flushWal,
  ) {}

  append(entry: PreparedEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // Entries recorded in the same turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      await this.db.connection().execute(async (connection) => {
        while (this.queue.length > 0) {
          const batch = this.queue.splice(0, maxBatch);
          try {
            await this.write(
              connection,
              batch.map((w) => w.entry),
            );
            await this.durable(connection);
          } catch (error) {
            for (const waiting of batch) waiting.reject(error);
            continue;
          }
          for (const waiting of batch) waiting.resolve();
        }
      });
    } catch (error) {
      // No connection at all: everyone waiting fails.
      for (const waiting of this.queue.splice(0)) waiting.reject(error);
    } finally {
      this.draining = false;
      if (this.queue.length > 0) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    }
  }
}

/** One statement, its own transaction: the lock is held only while PostgreSQL runs it. */
export async function writeBatch(db: Kysely<Database>, entries: readonly PreparedEntry[]): Promise<void> {
  await insertChained(db, entries);
}

const appenders = new WeakMap<Kysely<Database>, AuditGroupCommit>();

/** The group-commit appender of a database handle (one per pool, so batches share its connections). */
export function auditAppenderFor(db: Kysely<Database>): AuditGroupCommit {
  let appender = appenders.get(db);
  if (!appender) {
    appender = new AuditGroupCommit(db);
    appenders.set(db, appender);
  }
  return appender;
}
