import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
let make: Factories;
beforeAll(async () => {
  // The session's lookup is kept in memory (session-cache.ts): 30 s, so it stays kept through the three actions.
  server = await startTestServer({ config: { sessionCacheSeconds: 30 } });
  make = factories(server.database.db);
}, 120_000);
afterAll(async () => server.close());

// Every statement this process sends while `logging` is set (the server runs in this process).
const statements: string[] = [];
let logging = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  // The process's LISTEN connection (its heartbeat) is not part of any request.
  const name = (this as { connectionParameters?: { application_name?: string } }).connectionParameters
    ?.application_name;
  if (logging && !name?.startsWith('haven listener')) {
    const first = args[0] as string | { text?: string };
    statements.push(typeof first === 'string' ? first : (first?.text ?? '(cursor)'));
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

describe('the statements of one case action', () => {
  it('a case conference sends 6 messages: one chain append, one WAL flush, the answer read inside the change', async () => {
    const person = await make.as('officer.shashi');
    const officer = await make.signInAs(server.url, 'officer.shashi');
    const child = await make.child({ residenceCode: places.chenlong });
    const kase = await make.openCase(person, { childId: child.id, reason: '入户走访发现' });
    let view = await make.act(person, kase, { type: 'acknowledge' } as never);
    const today = new Date().toISOString().slice(0, 10);
    // Until the server's listener is up, every request reads its session; then it is kept.
    const sessionKept = async () => {
      statements.length = 0;
      logging = true;
      await officer.request('GET', '/api/auth/me');
      logging = false;
      return !statements.some((text) => text.includes('session_account'));
    };
    expect(await eventually(sessionKept)).toBe(true);
    const counts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statements.length = 0;
      logging = true;
      const response = await officer.request(
        'POST',
        `/api/cases/${kase.id}/actions`,
        {
          type: 'case_conference',
          expectedSeq: view.seq,
          heldOn: today,
          participants: ['村委会'],
          decisions: ['继续跟进'],
        },
        { 'idempotency-key': `conference-${i}-0000` },
      );
      logging = false;
      expect(response.status).toBe(200);
      view = (await response.json()) as typeof view;
      counts.push(statements.length);
      // One append to the audit chain (one chain lock) and one WAL flush: the answer is read inside the change.
      expect(statements.filter((text) => text.includes('audit_append')).length).toBe(1);
      expect(statements.filter((text) => text.includes('pg_logical_emit_message')).length).toBe(1);
      // The subject is locked and its log read in one statement (no separate read of the log to fold).
      expect(statements.filter((text) => text.includes('AS by FROM')).length).toBe(0);
      // The idempotency key's answer travels with the append, and the transaction's COMMIT with it too:
      // no separate UPDATE and no trailing (empty) COMMIT.
      expect(statements.filter((text) => /^update "idempotency_keys"/i.test(text)).length).toBe(0);
      expect(statements.filter((text) => /^commit$/i.test(text.trim())).length).toBe(0);
      expect(statements.filter((text) => text.startsWith('UPDATE idempotency_keys')).length).toBe(1);
      // BEGIN rides with the idempotency claim, in one message (named-statements.ts): never on its own.
      expect(statements.filter((text) => /^begin$/i.test(text.trim())).length).toBe(0);
      expect(statements.filter((text) => text.startsWith('BEGIN; INSERT INTO idempotency_keys')).length).toBe(1);
    }
    // 18 before issue 21, 15 in session 10, 13 in session 14 (docs/performance.md lists them); in session 15
    // 12 with the session kept in memory, 8 with the answer's five reads in one, 7 with the timeline entry
    // in the log's append; in session 16 6 with BEGIN sent with the idempotency claim: a count, not a timing.
    expect(counts).toEqual([6, 6, 6]);
  });
});
