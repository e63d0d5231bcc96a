import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../access/actor.js';
import { DomainError } from '../errors.js';
import { isDatabaseUnavailable } from './availability.js';
import { unitOfWork } from './unit-of-work.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const actor = systemActor('test');

async function settingCount(key: string) {
  const row = await database.db
    .selectFrom('settings')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.n;
}

async function auditCount(action: string) {
  const row = await database.db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('unitOfWork', () => {
  it('commits the change together with its audit entry', async () => {
    await unitOfWork(database.db, actor, 'test.write', async ({ trx, audit }) => {
      await trx.insertInto('settings').values({ key: 'a', value: '1' }).execute();
      audit({ entityType: 'setting', entityId: 'a', details: { value: 1 } });
    });
    expect(await settingCount('a')).toBe(1);
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'test.write')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      entity_type: 'setting',
      entity_id: 'a',
      actor_label: 'system:test',
      details: { value: 1 },
    });
  });

  it('leaves nothing behind, not even an audit entry, when the change fails half-way', async () => {
    await expect(
      unitOfWork(database.db, actor, 'test.half', async ({ trx }) => {
        await trx.insertInto('settings').values({ key: 'half', value: '1' }).execute();
        throw new DomainError('invalid_input', 400, { count: 1 });
      }),
    ).rejects.toThrow(DomainError);
    expect(await settingCount('half')).toBe(0);
    expect(await auditCount('test.half')).toBe(0);
  });

  it('replays the first result for a retried idempotency key and writes once', async () => {
    const write = () =>
      unitOfWork(
        database.db,
        actor,
        'test.idem',
        async ({ trx }) => {
          const n = await settingCount('idem-counter');
          await trx
            .insertInto('settings')
            .values({ key: `idem-${n}`, value: '1' })
            .execute();
          await trx
            .insertInto('settings')
            .values({ key: 'idem-counter', value: '1' })
            .onConflict((oc) => oc.column('key').doNothing())
            .execute();
          return { created: `idem-${n}` };
        },
        { key: 'key-1', request: { name: 'x' } },
      );
    const first = await write();
    const second = await write();
    expect(first).toEqual({ result: { created: 'idem-0' }, replayed: false });
    expect(second).toEqual({ result: { created: 'idem-0' }, replayed: true });
    expect(await auditCount('test.idem')).toBe(1);
  });

  it('stores the answer of an idempotency key with the append, and the change commits without a COMMIT of its own', async () => {
    const changes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        unitOfWork(
          database.db,
          actor,
          'test.inline',
          async ({ trx }) => {
            await trx
              .insertInto('settings')
              .values({ key: `inline-${i}`, value: '1' })
              .execute();
            return { n: i, text: "it's \\ ok" };
          },
          { key: `inline-key-${i}`, request: { i } },
        ),
      ),
    );
    expect(changes.map((c) => c.result.n)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const stored = await database.db
      .selectFrom('idempotency_keys')
      .select(['status_code', 'response'])
      .where('key', '=', 'inline-key-3')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status_code: 200, response: { n: 3, text: "it's \\ ok" } });
    // Every connection of the pool is out of its transaction: a statement after it is its own.
    const open = await Promise.all(
      Array.from({ length: 12 }, () =>
        sql<{ open: boolean }>`SELECT now() <> statement_timestamp() AS open`.execute(database.db),
      ),
    );
    expect(open.every((r) => r.rows[0]?.open === false)).toBe(true);
    expect(await auditCount('test.inline')).toBe(12);
  });

  it('rolls back a change whose last message fails, and its connection serves the next change', async () => {
    // jsonb refuses \u0000: the idempotency answer sent with the append fails the whole message.
    await expect(
      unitOfWork(
        database.db,
        actor,
        'test.lastfails',
        async ({ trx }) => {
          await trx.insertInto('settings').values({ key: 'last-fails', value: '1' }).execute();
          return { text: 'nul \u0000' };
        },
        { key: 'key-last-fails', request: {} },
      ),
    ).rejects.toThrow();
    expect(await settingCount('last-fails')).toBe(0);
    expect(await auditCount('test.lastfails')).toBe(0);
    for (let i = 0; i < 12; i += 1)
      await unitOfWork(database.db, actor, 'test.after', async ({ trx }) => {
        await trx
          .insertInto('settings')
          .values({ key: `after-${i}`, value: '1' })
          .execute();
      });
    expect(await auditCount('test.after')).toBe(12);
  });

  it('sends the claim with BEGIN as escaped literals: a key with quotes, backslashes and Chinese text is stored and replayed as it is', async () => {
    const key = `O'Brien \\' \\\\x 张三的请求 $$ E'\\n' --;`;
    const odd = systemActor(`导入 'x' \\ y`);
    const write = () =>
      unitOfWork(
        database.db,
        odd,
        'test.quoted',
        async ({ trx }) => {
          await trx
            .insertInto('settings')
            .values({ key: `quoted-${Math.random()}`, value: '1' })
            .execute();
          return { key };
        },
        { key, request: { 名字: "李四 '\\" } },
      );
    expect(await write()).toEqual({ result: { key }, replayed: false });
    expect(await write()).toEqual({ result: { key }, replayed: true });
    const stored = await database.db
      .selectFrom('idempotency_keys')
      .select(['key', 'actor_key', 'status_code', 'response'])
      .where('key', '=', key)
      .execute();
    expect(stored).toEqual([{ key, actor_key: `system:${odd.label}`, status_code: 200, response: { key } }]);
    expect(await auditCount('test.quoted')).toBe(1);
  });

  it('rolls back a change whose BEGIN-and-claim message fails, and every connection is out of its transaction afterwards', async () => {
    // An index entry of over 2,704 bytes is refused: the claim fails inside the message that began the transaction.
    const tooLong = Array.from({ length: 3000 }, () => Math.random().toString(36).slice(2)).join('');
    for (const key of [tooLong, 'nul \u0000 key']) {
      await expect(
        unitOfWork(
          database.db,
          actor,
          'test.claimfails',
          async ({ trx }) => {
            await trx.insertInto('settings').values({ key: 'claim-fails', value: '1' }).execute();
            return 'never';
          },
          { key, request: {} },
        ),
      ).rejects.toThrow();
    }
    expect(await settingCount('claim-fails')).toBe(0);
    expect(await auditCount('test.claimfails')).toBe(0);
    const open = await Promise.all(
      Array.from({ length: 12 }, () =>
        sql<{ open: boolean }>`SELECT now() <> statement_timestamp() AS open`.execute(database.db),
      ),
    );
    expect(open.every((r) => r.rows[0]?.open === false)).toBe(true);
    const after = await unitOfWork(database.db, actor, 'test.claimfails.after', async () => 'ok', {
      key: 'after-claim-fails',
      request: {},
    });
    expect(after).toEqual({ result: 'ok', replayed: false });
  });

  it('refuses a reused idempotency key carrying different content', async () => {
    await unitOfWork(database.db, actor, 'test.reuse', async () => 'ok', { key: 'key-2', request: { a: 1 } });
    await expect(
      unitOfWork(database.db, actor, 'test.reuse', async () => 'ok', { key: 'key-2', request: { a: 2 } }),
    ).rejects.toMatchObject({
      code: 'idempotency_key_reused',
      status: 422,
    });
  });

  it('records concurrent duplicates of one request once', async () => {
    const attempt = () =>
      unitOfWork(
        database.db,
        actor,
        'test.race',
        async ({ trx }) => {
          await trx
            .insertInto('settings')
            .values({ key: `race-${Math.random()}`, value: '1' })
            .execute();
          await sql`SELECT pg_sleep(0.05)`.execute(trx);
          return 'done';
        },
        { key: 'key-race', request: { same: true } },
      );
    const results = await Promise.all([attempt(), attempt(), attempt()]);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.result === 'done')).toBe(true);
    expect(await auditCount('test.race')).toBe(1);
  });

  it('does not acknowledge a change when the connection was lost before it was known durable, and a retry with its key is not applied twice', async () => {
    // A loss between COMMIT and the WAL flush: the flush may have reached a restarted server that never saw the commit.
    const change = (loseConnection: boolean) =>
      unitOfWork(
        database.db,
        actor,
        'test.lost',
        async ({ trx }) => {
          await trx
            .insertInto('settings')
            .values({ key: `lost-${Math.random()}`, value: '1' })
            .execute();
          if (loseConnection) database.availability.lost(new Error('Connection terminated unexpectedly'));
          return 'stored';
        },
        { key: 'key-lost', request: { lost: true } },
      );
    await expect(change(true)).rejects.toSatisfy(isDatabaseUnavailable);
    // Here the commit did survive: the retry gets its result instead of doing it again.
    expect(await change(false)).toEqual({ result: 'stored', replayed: true });
    expect(await auditCount('test.lost')).toBe(1);
  });
});
