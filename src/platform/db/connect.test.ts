import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { isDatabaseUnavailable } from './availability.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

async function backendPid(conn: typeof database.db): Promise<number> {
  const row = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(conn);
  return row.rows[0]!.pid;
}

async function terminate(pid: number) {
  // From outside the pool, as an administrator (or a failover) would end it.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await client.end();
  }
}

describe('a pool whose connections are lost', () => {
  it('survives a checked-out client whose connection is terminated (57P01), and reconnects', async () => {
    const before = database.availability.epoch;
    await database.db.connection().execute(async (conn) => {
      await terminate(await backendPid(conn));
      // Checked out and idle: pg emits 'error' on the client, which used to end the process.
      expect(await until(() => database.availability.epoch > before), 'the loss was noticed').toBe(true);
      await expect(sql`SELECT 1`.execute(conn)).rejects.toSatisfy(isDatabaseUnavailable);
    });
    const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
    expect(again.rows).toEqual([{ one: 1 }]);
  });

  it('survives an idle client whose connection is terminated (the pool error event), and reconnects', async () => {
    const pid = await database.db.connection().execute((conn) => backendPid(conn));
    const before = database.availability.epoch;
    await terminate(pid);
    expect(await until(() => database.availability.epoch > before), 'the loss was noticed').toBe(true);
    for (let i = 0; i < 12; i += 1) await sql`SELECT 1`.execute(database.db);
  });

  it('survives a query whose connection is terminated while it runs, and the error says the database is away', async () => {
    const outcome = await database.db.connection().execute(async (conn) => {
      const pid = await backendPid(conn);
      const running = sql`SELECT pg_sleep(30)`.execute(conn).then(
        () => 'finished',
        (error: unknown) => error,
      );
      await terminate(pid);
      return running;
    });
    expect(isDatabaseUnavailable(outcome)).toBe(true);
    // The query can fail on the server's 57P01 message before the socket's end is read (PostgreSQL
    // 15 does so), so the released client may be the dying one for one more query; the pool drops
    // it then, and the next query reconnects.
    await expect
      .poll(() =>
        sql`SELECT 1`.execute(database.db).then(
          () => 'answered',
          (error: unknown) => (isDatabaseUnavailable(error) ? 'away' : error),
        ),
      )
      .toBe('answered');
  });
});

describe('which errors mean the database is away', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  it.each([
    ['admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['crash shutdown', withCode('terminating connection because of crash of another server process', '57P02')],
    ['starting up', withCode('the database system is starting up', '57P03')],
    ['connection failure', withCode('connection failure', '08006')],
    [
      'refused on every address',
      new AggregateError(
        [
          withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
          withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
        ],
        '',
      ),
    ],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['dead client', new Error('Client has encountered a connection error and is not queryable')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped', new Error('could not read', { cause: withCode('x', '57P01') })],
  ])('%s: yes', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['unique violation', withCode('duplicate key value', '23505')],
    ['syntax', withCode('syntax error', '42601')],
    ['serialization', withCode('could not serialize access', '40001')],
    ['plain', new Error('boom')],
    ['not an error', { code: '57P01' }],
  ])('%s: no', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
