import type pg from 'pg';
import { derivedKey, hasInstallationKey } from '../secrets/installation-key.js';
import { hmacPads } from './hash-chain.js';

/**
 * Hands the audit-chain key to every new connection of a pool, once, as a bind parameter into the
 * session setting `audit_append` reads (migration 0022). So the key is never in a table, never in
 * a statement's text (pg_stat_activity, the server log on an error), and the one-message
 * "append, COMMIT" of chain-write.ts keeps working. The pool's client runs queries in order, so
 * this runs before anything the pool's user sends. Without an installation key nothing is
 * handed over and `audit_append` refuses: no unkeyed entry is ever written.
 */
export function provideAuditKeyOnConnect(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    if (!hasInstallationKey()) return;
    // A failure here (an unreadable key, a lost connection) surfaces as audit_append's refusal on
    // this connection: appends fail closed; nothing else to do now.
    let pads: string;
    try {
      pads = hmacPads(derivedKey('audit-chain'));
    } catch {
      return;
    }
    client.query("SELECT set_config('haven.audit_chain_key', $1, false)", [pads]).catch(() => undefined);
  });
}
