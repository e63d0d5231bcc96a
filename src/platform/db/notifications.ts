import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

const urls = new WeakMap<Kysely<Database>, string>();

/** Remembers where a handle opened by `openPool` connects, so a listener can connect there too. */
export function registerConnectionUrl(db: Kysely<Database>, url: string): void {
  urls.set(db, url);
}

export function connectionUrlOf(db: Kysely<Database>): string | undefined {
  return urls.get(db);
}

export interface ListenerEvents {
  notice(payload: string): void;
  /** LISTEN is in place and the connection answered a heartbeat: notices sent from now on arrive until `until`. */
  alive(until: number): void;
  /** The connection is lost or did not answer: notices may have been missed. */
  down(): void;
}

export interface Listener {
  stop(): Promise<void>;
}

/**
 * One connection that LISTENs on a channel for the whole process, reconnected when lost. A
 * heartbeat every `heartbeatMs` proves the connection still delivers; it counts as alive only
 * until the next heartbeat is due (a socket that died silently is noticed within that time, not
 * after TCP keepalive's minutes).
 */
export function listenOn(
  url: string,
  channel: string,
  events: ListenerEvents,
  options: { heartbeatMs: number; retryMs: number },
): Listener {
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const later = (fn: () => void, ms: number) => {
    timer = setTimeout(fn, ms);
    timer.unref();
  };
  const connect = async () => {
    if (stopped) return;
    // Named, so an operator (and a test) can tell it in pg_stat_activity.
    const next = new pg.Client({
      connectionString: url,
      keepAlive: true,
      application_name: `haven listener ${channel}`,
    });
    let lost = false;
    const drop = () => {
      if (lost) return;
      lost = true;
      events.down();
      if (client === next) client = undefined;
      next.end().catch(() => undefined);
      if (!stopped) later(() => void connect(), options.retryMs);
    };
    next.on('error', drop);
    next.on('end', drop);
    next.on('notification', (message) => {
      if (message.channel === channel) events.notice(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch {
      drop();
      return;
    }
    if (stopped) {
      lost = true;
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    const beat = async () => {
      if (lost || stopped) return;
      const sent = Date.now();
      const answered = await Promise.race([
        next.query('SELECT 1').then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), options.heartbeatMs).unref()),
      ]);
      if (lost || stopped) return;
      if (!answered) return drop();
      // Valid for one interval after the beat was sent, plus the time to the next answer.
      events.alive(sent + 2 * options.heartbeatMs);
      later(() => void beat(), options.heartbeatMs);
    };
    await beat();
  };
  void connect();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}
