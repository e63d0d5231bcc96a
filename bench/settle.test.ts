import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/support/database.js';
import { type Db, openPool } from '../src/platform/db/connect.js';
import { activeSessions, settle } from './settle.js';

let database: TestDatabase;
let server: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await openPool(database.url, undefined, 2);
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

describe('settle before an open-model run', () => {
  it('waits while another session still runs a statement, then for the quiet period', async () => {
    const running = sql`SELECT pg_sleep(0.6)`.execute(server.db);
    // The sleep is under way before the wait starts.
    for (let i = 0; i < 50 && (await activeSessions(database.db)) === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await activeSessions(database.db)).toBe(1);
    const waited = await settle(database.db, { quietMs: 200, pollMs: 20 });
    await running;
    expect(waited).toBeGreaterThanOrEqual(200 + 300);
    expect(await activeSessions(database.db)).toBe(0);
  });

  it('counts a session idle in a transaction as busy (its locks are held), and gives up at the limit', async () => {
    await server.db.connection().execute(async (connection) => {
      await sql`BEGIN`.execute(connection);
      // The pool sends a transaction's BEGIN with its first statement: one statement opens it.
      await sql`SELECT 1`.execute(connection);
      try {
        expect(await activeSessions(database.db)).toBe(1);
        const waited = await settle(database.db, { quietMs: 100, limitMs: 300, pollMs: 20 });
        expect(waited).toBeGreaterThanOrEqual(300);
        expect(waited).toBeLessThan(2_000);
      } finally {
        await sql`ROLLBACK`.execute(connection);
      }
    });
  });

  it('returns after the quiet period when nothing runs', async () => {
    const waited = await settle(database.db, { quietMs: 100, pollMs: 20 });
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(2_000);
  });
});
