import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../access/actor.js';
import { auditCheckpointSweep } from '../jobs/platform-sweeps.js';
import { recordAudit } from './append.js';
import { CheckpointFileError, readAuditCheckpoints, writeAuditCheckpoint } from './checkpoint.js';
import { verifyAuditChain } from './verify.js';

let database: TestDatabase;
let folder: string;
beforeAll(async () => {
  [database, folder] = await Promise.all([createTestDatabase(), mkdtemp(path.join(os.tmpdir(), 'haven-checkpoint-'))]);
});
afterAll(async () => {
  await database.drop();
  await rm(folder, { recursive: true, force: true });
});

const append = (n: number, action: string) =>
  Promise.all(
    Array.from({ length: n }, (_, i) => recordAudit(database.db, systemActor('test'), { action, entityId: String(i) })),
  );

/** What a superuser can do without the key: delete the newest entries (the chain before them stays whole). */
async function deleteNewest(count: number) {
  await database.db.connection().execute(async (conn) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(conn);
    await sql`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT ${count})`.execute(
      conn,
    );
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(conn);
  });
}

describe('audit checkpoints kept outside the database', () => {
  it('detects entries deleted from the end, which the chain alone cannot show', async () => {
    const file = path.join(folder, 'tail.jsonl');
    await append(5, 'test.before_checkpoint');
    const checkpoint = await writeAuditCheckpoint(database.db, file);
    expect(checkpoint).toMatchObject({ entries: 5 });
    await append(3, 'test.after_checkpoint');
    expect(await verifyAuditChain(database.db, { checkpoints: await readAuditCheckpoints(file) })).toEqual({
      ok: true,
      entries: 8,
    });

    await deleteNewest(5);
    // The chain alone still links up: nothing shows the three entries are gone.
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 3 });
    expect(await verifyAuditChain(database.db, { checkpoints: await readAuditCheckpoints(file) })).toEqual({
      ok: false,
      entries: 3,
      reason: 'checkpoint_missing',
      checkpoint,
    });

    // Still found after new entries fill the end again.
    await append(4, 'test.after_deletion');
    expect(await verifyAuditChain(database.db, { checkpoints: await readAuditCheckpoints(file) })).toMatchObject({
      ok: false,
      reason: 'checkpoint_missing',
    });
  });

  it('detects a head that no longer matches its checkpoint', async () => {
    const file = path.join(folder, 'mismatch.jsonl');
    const head = await writeAuditCheckpoint(database.db, file);
    await writeFile(file, `${JSON.stringify({ ...head, headHash: 'f'.repeat(64) })}\n`);
    expect(await verifyAuditChain(database.db, { checkpoints: await readAuditCheckpoints(file) })).toMatchObject({
      ok: false,
      reason: 'checkpoint_mismatch',
    });
    await writeFile(file, `${JSON.stringify({ ...head, entries: head!.entries + 1 })}\n`);
    expect(await verifyAuditChain(database.db, { checkpoints: await readAuditCheckpoints(file) })).toMatchObject({
      ok: false,
      reason: 'checkpoint_mismatch',
    });
  });

  it('is written by the periodic sweep only when the head moved, one line each', async () => {
    const file = path.join(folder, 'sweep.jsonl');
    const sweep = auditCheckpointSweep(file);
    expect(await sweep.run(database.db, new Date())).toMatchObject({ written: 1 });
    expect(await sweep.run(database.db, new Date())).toMatchObject({ written: 0 });
    await append(1, 'test.moved');
    expect(await sweep.run(database.db, new Date())).toMatchObject({ written: 1 });
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(await verifyAuditChain(database.db, { checkpoints: await readAuditCheckpoints(file) })).toMatchObject({
      ok: true,
    });
  });

  it('names a damaged checkpoint line instead of skipping it', async () => {
    const file = path.join(folder, 'damaged.jsonl');
    await writeFile(file, '{"at":"x","entries":1,"headId":"1","headHash":"nothex"}\n');
    await expect(readAuditCheckpoints(file)).rejects.toThrow(CheckpointFileError);
    await expect(readAuditCheckpoints(file)).rejects.toThrow(/damaged\.jsonl:1 is not an audit checkpoint/);
    expect(await readAuditCheckpoints(path.join(folder, 'absent.jsonl'))).toEqual([]);
  });
});
