import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../access/actor.js';
import { unitOfWork } from '../db/unit-of-work.js';
import { recordAudit } from './append.js';
import { verifyAuditChain } from './verify.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const actor = systemActor('test');
  for (let i = 0; i < 5; i += 1) {
    await unitOfWork(database.db, actor, 'test.change', async ({ audit }) => audit({ entityType: 'thing', entityId: String(i), details: { z: i, a: ['x', '换行\n'] } }));
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
    const third = await database.db.selectFrom('audit_log').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow();
    await database.db.connection().execute(async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(conn);
      await sql`UPDATE audit_log SET details = '{"z": 99}'::jsonb WHERE id = ${third.id}`.execute(conn);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(conn);
    });
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, entries: 2, firstBadId: third.id, reason: 'hash_mismatch' });
  });
});
