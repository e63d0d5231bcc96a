import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../access/actor.js';
import { openPool } from '../db/connect.js';
import { migrateTo, migrateToLatest } from '../db/migrate.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { recordAudit } from './append.js';
import { auditHash, genesisHash } from './hash-chain.js';
import { verifyAuditChain } from './verify.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const actor = systemActor('test');
  for (let i = 0; i < 5; i += 1) {
    await unitOfWork(database.db, actor, 'test.change', async ({ audit }) =>
      audit({ entityType: 'thing', entityId: String(i), details: { z: i, a: ['x', '换行\n'] } }),
    );
  }
  await recordAudit(database.db, actor, { action: 'test.read', childId: '00000000-0000-0000-0000-000000000001' });
});
afterAll(async () => database.drop());

describe('the audit log', () => {
  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 6 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('names the first entry edited by hand, even by someone who disabled the trigger', async () => {
    const third = await database.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await database.db.connection().execute(async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(conn);
      await sql`UPDATE audit_log SET details = '{"z": 99}'::jsonb WHERE id = ${third.id}`.execute(conn);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(conn);
    });
    expect(await verifyAuditChain(database.db)).toEqual({
      ok: false,
      entries: 2,
      firstBadId: third.id,
      reason: 'hash_mismatch',
    });
  });
});

describe('a copied entry (no unique index on the hash since 0197)', () => {
  it('is found by verify: its link names an entry that is not its predecessor', async () => {
    const copied = await createTestDatabase();
    try {
      const actor = systemActor('test');
      for (const action of ['test.one', 'test.two', 'test.three'])
        await recordAudit(copied.db, actor, { action, childId: '00000000-0000-0000-0000-000000000001' });
      expect(await verifyAuditChain(copied.db)).toEqual({ ok: true, entries: 3 });
      const copy = await sql<{ id: string }>`
        INSERT INTO audit_log (occurred_at, actor_user_id, actor_org_id, actor_label, action, entity_type, entity_id, child_id, outcome, ip, request_id, details, prev_hash, hash)
        SELECT occurred_at, actor_user_id, actor_org_id, actor_label, action, entity_type, entity_id, child_id, outcome, ip, request_id, details, prev_hash, hash
        FROM audit_log WHERE action = 'test.two' RETURNING id::text AS id`.execute(copied.db);
      expect(await verifyAuditChain(copied.db)).toEqual({
        ok: false,
        entries: 3,
        firstBadId: copy.rows[0]?.id,
        reason: 'broken_link',
      });
    } finally {
      await copied.drop();
    }
  });
});

describe('the keyed chain (issue 12, item 8)', () => {
  let keyed: TestDatabase;
  beforeAll(async () => {
    keyed = await createTestDatabase();
    for (let i = 0; i < 4; i += 1)
      await recordAudit(keyed.db, systemActor('test'), { action: 'test.keyed', entityId: String(i), details: { i } });
  });
  afterAll(async () => keyed.drop());

  /** What someone without the installation key can do: edit an entry and recompute every hash with plain SHA-256 from `fromIndex` on. */
  async function rehashWithoutKey(
    db: TestDatabase,
    fromIndex: number,
    edit: { id: string; details: object } | undefined,
  ) {
    await db.db.connection().execute(async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(conn);
      if (edit)
        await sql`UPDATE audit_log SET details = ${JSON.stringify(edit.details)}::jsonb WHERE id = ${edit.id}`.execute(
          conn,
        );
      const rows = await conn.selectFrom('audit_log').selectAll().orderBy('id').execute();
      let prev = fromIndex === 0 ? genesisHash : rows[fromIndex - 1]!.hash;
      for (const row of rows.slice(fromIndex)) {
        const hash = auditHash(prev, {
          occurredAt: new Date(row.occurred_at).toISOString(),
          actorUserId: row.actor_user_id,
          actorOrgId: row.actor_org_id,
          actorLabel: row.actor_label,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          childId: row.child_id,
          outcome: row.outcome,
          ip: row.ip,
          requestId: row.request_id,
          details: row.details,
        });
        // The hash column is UNIQUE: clear it first so swapped values do not collide on the way.
        await sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${`tmp-${row.id}`} WHERE id = ${row.id}`.execute(
          conn,
        );
        await sql`UPDATE audit_log SET hash = ${hash} WHERE id = ${row.id}`.execute(conn);
        prev = hash;
      }
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(conn);
    });
  }

  it('does not verify an edited chain whose hashes were all recomputed with plain SHA-256', async () => {
    expect(await verifyAuditChain(keyed.db)).toEqual({ ok: true, entries: 4 });
    const second = await keyed.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await rehashWithoutKey(keyed, 0, { id: second.id, details: { i: 99 } });
    const first = await keyed.db.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    expect(await verifyAuditChain(keyed.db)).toEqual({
      ok: false,
      entries: 0,
      firstBadId: first.id,
      reason: 'unkeyed',
    });
  });

  it('does not verify entries recomputed with plain SHA-256 after keyed ones', async () => {
    const fresh = await createTestDatabase();
    try {
      for (let i = 0; i < 4; i += 1)
        await recordAudit(fresh.db, systemActor('test'), { action: 'test.keyed', entityId: String(i) });
      const third = await fresh.db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id')
        .offset(2)
        .limit(1)
        .executeTakeFirstOrThrow();
      await rehashWithoutKey(fresh, 2, { id: third.id, details: { forged: true } });
      expect(await verifyAuditChain(fresh.db)).toEqual({
        ok: false,
        entries: 2,
        firstBadId: third.id,
        reason: 'hash_mismatch',
      });
    } finally {
      await fresh.drop();
    }
  });

  it('does not verify under another installation key', async () => {
    const fresh = await createTestDatabase();
    try {
      await recordAudit(fresh.db, systemActor('test'), { action: 'test.keyed' });
      expect(await verifyAuditChain(fresh.db, { key: Buffer.alloc(32, 1) })).toMatchObject({
        ok: false,
        reason: 'hash_mismatch',
      });
    } finally {
      await fresh.drop();
    }
  });

  it('keeps verifying entries written before the upgrade, sealed by one keyed entry when 0022 is applied', async () => {
    const empty = await createEmptyDatabase();
    const old = await openPool(empty.url, undefined, 2);
    try {
      await migrateTo(old.db, '0018_import_duplicate_dates');
      for (let i = 0; i < 3; i += 1)
        await recordAudit(old.db, systemActor('old'), { action: 'test.before_upgrade', entityId: String(i) });
      // The old rule: plain SHA-256, no key.
      expect(await verifyAuditChain(old.db)).toMatchObject({ ok: false, reason: 'unkeyed' });
      await migrateToLatest(old.db);
      const last = await old.db
        .selectFrom('audit_log')
        .select(['action'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(last.action).toBe('audit.chain_keyed');
      await recordAudit(old.db, systemActor('new'), { action: 'test.after_upgrade' });
      expect(await verifyAuditChain(old.db)).toEqual({ ok: true, entries: 5 });
    } finally {
      await old.close();
      await empty.drop();
    }
  });

  it('refuses to append from a connection that has no audit chain key', async () => {
    const bare = new pg.Client({ connectionString: keyed.url });
    await bare.connect();
    try {
      await expect(bare.query(`SELECT audit_append('[{"tail":"[]"}]'::jsonb)`)).rejects.toThrow(/no audit chain key/);
    } finally {
      await bare.end();
    }
  });
});
