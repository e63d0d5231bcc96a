import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { type Actor, systemActor } from '../access/actor.js';
import { openPool } from '../db/connect.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { recordAudit } from './append.js';
import { prepareEntry } from './chain-write.js';
import { AuditGroupCommit, writeBatch } from './group-commit.js';
import { WalFlusher } from './wal-flush.js';
import { verifyAuditChain } from './verify.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const reader = (requestId: string): Actor => ({
  ...systemActor('reader'),
  kind: 'user',
  label: '读者 (测试)',
  requestId,
});

async function entriesOf(action: string) {
  return database.db
    .selectFrom('audit_log')
    .select(['id', 'request_id', 'entity_id'])
    .select(sql<string>`xmin::text`.as('tx'))
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe('audit entries recorded outside a change (group commit)', () => {
  it('writes each of many concurrent entries exactly once, in fewer transactions, and the chain verifies', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `burst-${i}`);
    await Promise.all(
      ids.map((id) =>
        recordAudit(database.db, reader(id), { action: 'test.burst', entityType: 'child', entityId: id }),
      ),
    );
    const rows = await entriesOf('test.burst');
    expect(rows.map((r) => r.request_id).sort()).toEqual([...ids].sort());
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(ids.length);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it('keeps the chain whole when reads, changes and another process append at the same time', async () => {
    // A second pool stands for another process (the CLI beside the server): its own appender, the same lock.
    const other = await openPool(database.url, undefined, 4);
    try {
      const before = await verifyAuditChain(database.db);
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i += 1) {
        work.push(
          recordAudit(database.db, reader(`mixed-read-${i}`), { action: 'test.mixed_read', entityId: String(i) }),
        );
        work.push(recordAudit(other.db, reader(`mixed-cli-${i}`), { action: 'test.mixed_read', entityId: `cli-${i}` }));
        if (i % 4 === 0)
          work.push(
            unitOfWork(database.db, systemActor('test'), 'test.mixed_write', async ({ audit }) =>
              audit({ entityType: 'thing', entityId: String(i), details: { n: i } }),
            ),
          );
      }
      await Promise.all(work);
      expect((await entriesOf('test.mixed_read')).length).toBe(80);
      expect((await entriesOf('test.mixed_write')).length).toBe(10);
      const after = await verifyAuditChain(database.db);
      expect(after).toEqual({ ok: true, entries: (before.ok ? before.entries : 0) + 90 });
    } finally {
      await other.close();
    }
  });

  it('fails every entry of a batch that cannot be committed, writes none of them, and recovers', async () => {
    await sql`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'test.poison' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`.execute(
      database.db,
    );
    await sql`CREATE TRIGGER refuse_poison BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_poison()`.execute(
      database.db,
    );
    try {
      const batch = ['a', 'b', 'poison', 'c'].map((name) =>
        recordAudit(database.db, reader(`batch-${name}`), {
          action: name === 'poison' ? 'test.poison' : 'test.batched',
          entityId: name,
        }).then(
          () => 'committed',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      );
      expect(await Promise.all(batch)).toEqual(Array(4).fill(expect.stringMatching(/refused for the test/)));
      expect(await entriesOf('test.batched')).toEqual([]);
      await recordAudit(database.db, reader('after'), { action: 'test.batched', entityId: 'after' });
      expect((await entriesOf('test.batched')).map((r) => r.entity_id)).toEqual(['after']);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    } finally {
      await sql`DROP TRIGGER refuse_poison ON audit_log`.execute(database.db);
      await sql`DROP FUNCTION refuse_poison()`.execute(database.db);
    }
  });

  it('answers a caller only after its batch is written, and batches what arrives meanwhile', async () => {
    const written: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const appender = new AuditGroupCommit(database.db, async (_db, entries) => {
      written.push(entries.map((e) => String(e.entityId)));
      if (written.length === 1) await gate;
    });
    const settled: string[] = [];
    const first = appender
      .append(prepareEntry(reader('x'), { action: 'test.gate', entityId: '1' }))
      .then(() => settled.push('1'));
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['2', '3', '4'].map((id) =>
      appender.append(prepareEntry(reader('x'), { action: 'test.gate', entityId: id })).then(() => settled.push(id)),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toEqual([]);
    release();
    await Promise.all([first, ...later]);
    expect(written).toEqual([['1'], ['2', '3', '4']]);
    expect(settled).toEqual(['1', '2', '3', '4']);
  });

  it('answers only once the batch is flushed to disk, and a failed flush fails the batch', async () => {
    let committedAt = '';
    const appender = new AuditGroupCommit(database.db, async (db, entries) => {
      await writeBatch(db, entries);
      committedAt = (await sql<{ lsn: string }>`SELECT pg_current_wal_insert_lsn()::text AS lsn`.execute(db)).rows[0]!
        .lsn;
    });
    await appender.append(prepareEntry(reader('durable'), { action: 'test.durable' }));
    const flushed = await sql<{
      ok: boolean;
    }>`SELECT pg_current_wal_flush_lsn() >= ${committedAt}::pg_lsn AS ok`.execute(database.db);
    expect(flushed.rows[0]!.ok).toBe(true);

    const failing = new AuditGroupCommit(database.db, writeBatch, () => Promise.reject(new Error('disk gone')));
    await expect(failing.append(prepareEntry(reader('lost'), { action: 'test.unflushed' }))).rejects.toThrow(
      'disk gone',
    );
  });
});

describe('audit entries of a change', () => {
  it('commit with the change, or the change does not commit at all', async () => {
    const settings = (key: string) => database.db.selectFrom('settings').select('key').where('key', '=', key).execute();
    await unitOfWork(
      database.db,
      systemActor('test'),
      'test.kept',
      async ({ trx }) => void (await trx.insertInto('settings').values({ key: 'kept', value: '1' }).execute()),
    );
    expect(await settings('kept')).toHaveLength(1);
    expect(await entriesOf('test.kept')).toHaveLength(1);
    await sql`
      CREATE FUNCTION refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'test.refused' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$`.execute(
      database.db,
    );
    await sql`CREATE TRIGGER refuse_changes BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_changes()`.execute(
      database.db,
    );
    try {
      await expect(
        unitOfWork(
          database.db,
          systemActor('test'),
          'test.refused',
          async ({ trx }) => void (await trx.insertInto('settings').values({ key: 'refused', value: '1' }).execute()),
        ),
      ).rejects.toThrow(/audit refused/);
    } finally {
      await sql`DROP TRIGGER refuse_changes ON audit_log`.execute(database.db);
      await sql`DROP FUNCTION refuse_changes()`.execute(database.db);
    }
    expect(await settings('refused')).toEqual([]);
    // The pool's connection is clean afterwards: the next change works.
    await unitOfWork(
      database.db,
      systemActor('test'),
      'test.after_refusal',
      async ({ trx }) => void (await trx.insertInto('settings').values({ key: 'after', value: '1' }).execute()),
    );
    expect(await settings('after')).toHaveLength(1);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});

describe('hashes written by the database', () => {
  it('are the ones `haven audit verify` computes, for awkward details too', async () => {
    const awkward = [
      { z: 1, a: { y: [1.5, -0, 1e21, 12345678901234567890], b: null }, 'key "q"': 'back\\slash \'quote\' "dq"' },
      { text: '换行\n制表\t零宽\u200b表情😀', nested: [{ b: 2, a: 1 }, [], {}] },
      {},
    ];
    await Promise.all(
      awkward.map((details, i) =>
        recordAudit(database.db, reader(`awkward-${i}`), { action: 'test.awkward', entityId: String(i), details }),
      ),
    );
    await unitOfWork(database.db, systemActor('test'), 'test.awkward_write', async ({ audit }) =>
      audit({ details: awkward[0]! }),
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});

describe('sharing WAL flushes', () => {
  it('covers a caller only with a flush that started after it asked, and shares that flush', async () => {
    const gates: (() => void)[] = [];
    let started = 0;
    const flusher = new WalFlusher(() => {
      started += 1;
      return new Promise<void>((resolve) => gates.push(resolve));
    });
    const order: string[] = [];
    const first = flusher.durable().then(() => order.push('first'));
    const second = flusher.durable().then(() => order.push('second'));
    const third = flusher.durable().then(() => order.push('third'));
    expect(started).toBe(1);
    gates[0]!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    // The first flush may have begun before the others committed: they wait for the next, together.
    expect(order).toEqual(['first']);
    expect(started).toBe(2);
    gates[1]!();
    await Promise.all([second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(started).toBe(2);
  });
});
