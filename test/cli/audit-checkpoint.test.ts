import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { systemActor } from '../../src/platform/access/actor.js';
import { recordAudit } from '../../src/platform/audit/append.js';
import { type HavenHome, havenHome } from './haven-cli.js';

// `haven audit checkpoint` and `haven audit verify` against a server database (issue 12, item 8).
let home: HavenHome;
let database: TestDatabase;

beforeAll(async () => {
  [home, database] = await Promise.all([havenHome(), createTestDatabase()]);
  for (let i = 0; i < 4; i += 1)
    await recordAudit(database.db, systemActor('cli-test'), { action: 'test.before', entityId: String(i) });
});
afterAll(async () => {
  await Promise.all([home.cleanup(), database.drop()]);
});

describe('audit checkpoints from the command line', { timeout: 240_000 }, () => {
  it('writes a checkpoint, verifies against it, and names entries deleted from the end', async () => {
    const env = { DATABASE_URL: database.url };
    const file = path.join(home.dir, 'kept-elsewhere', 'checkpoints.jsonl');
    const written = await home.run(['audit', 'checkpoint', '--to', file], { env });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/Checkpoint appended to .*checkpoints\.jsonl: 4 entries/);

    const intact = await home.run(['audit', 'verify', '--checkpoints', file], { env });
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/intact: 4 entries verified[\s\S]*matches all 1 checkpoints/);

    await database.db.connection().execute(async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(conn);
      await sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`.execute(conn);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(conn);
    });
    const deleted = await home.run(['audit', 'verify', '--checkpoints', file], { env });
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toMatch(
      /Audit entries were deleted: the checkpoint of \S+ recorded 4 entries up to entry \d+, which is no longer in the log \(3 entries are there now\)/,
    );
    // One line, after the progress lines.
    expect(deleted.stderr.trim().split('\n').at(-1)).toMatch(/^haven: Audit entries were deleted/);
  });

  it('uses HAVEN_AUDIT_CHECKPOINT_FILE by default and says when there are no checkpoints', async () => {
    const file = path.join(home.dir, 'default.jsonl');
    const none = await home.run(['audit', 'verify'], {
      env: { DATABASE_URL: database.url, HAVEN_AUDIT_CHECKPOINT_FILE: file },
    });
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/No checkpoints in .*default\.jsonl: entries deleted from the end would not show/);
  });
});
