import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/database.js';
import { systemActor } from '../../src/platform/access/actor.js';
import { unitOfWork } from '../../src/platform/db/unit-of-work.js';
import { expectOneLineFailure, type HavenHome, havenHome } from './haven-cli.js';

// `haven backup` and `haven restore` against a PostgreSQL server (DATABASE_URL), and that backup
// restored into a fresh embedded data folder: the format is the same in both modes.
let home: HavenHome;
let fresh: HavenHome | undefined;
let source: TestDatabase;
let target: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  [home, source, target] = await Promise.all([havenHome(), createTestDatabase(), createEmptyDatabase()]);
  await unitOfWork(source.db, systemActor('cli-test'), 'test.seed', async ({ trx, audit, enqueue }) => {
    await trx
      .insertInto('settings')
      .values({ key: 'greeting', value: JSON.stringify({ zh: '你好\n世界', path: 'C:\\temp' }) })
      .execute();
    await enqueue({ kind: 'notify', payload: { note: 'tab\there' } });
    audit({ entityType: 'setting', entityId: 'greeting' });
  });
});
afterAll(async () => {
  await Promise.all([home.cleanup(), fresh?.cleanup(), source.drop(), target.drop()]);
});

async function rows(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('backup and restore with DATABASE_URL', { timeout: 240_000 }, () => {
  it('backs up a server database and restores it into an empty one; audit verify passes there', async () => {
    const file = path.join(home.dir, 'server.backup');
    const backup = await home.run(['backup', file], { env: { DATABASE_URL: source.url } });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup written to .*server\.backup: \d+ tables, \d+ rows/);

    const restore = await home.run(['restore', file], { env: { DATABASE_URL: target.url } });
    expect(restore.code, restore.stderr).toBe(0);
    for (const table of ['settings', 'jobs', 'audit_log']) {
      const query = `SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`;
      // The source gained one audit entry after the snapshot: the backup command records itself.
      const expected = (await rows(source.url, query)).filter(
        (row) => !String((row as { row: string }).row).includes('database.backup'),
      );
      expect(await rows(target.url, query), table).toEqual(expected);
    }
    const verify = await home.run(['audit', 'verify'], { env: { DATABASE_URL: target.url } });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/The audit log is intact: [1-9]\d* entries verified\./);
  });

  it('restores that backup into a fresh embedded data folder; audit verify passes there', async () => {
    fresh = await havenHome();
    const file = path.join(home.dir, 'server.backup');
    const restored = await fresh.run(['restore', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .*server\.backup \(made .*, schema \S+\)\./m);
    // The restore started the embedded PostgreSQL and stopped it again.
    expect(existsSync(path.join(fresh.dir, 'pg', 'postmaster.pid'))).toBe(false);

    const verify = await fresh.run(['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
    const expected = (
      await rows(source.url, "SELECT count(*)::int AS n FROM audit_log WHERE action <> 'database.backup'")
    )[0] as { n: number };
    expect(verify.stdout).toContain(`The audit log is intact: ${expected.n} entries verified.`);
  });

  it('fails in one line: disk full, not-empty target, a file that is not a backup', async () => {
    const notBackup = path.join(home.dir, 'notes.txt');
    await writeFile(notBackup, 'just some notes\n');
    // (Damaged, truncated and missing files: src/platform/db/backup.test.ts, without a process each.)
    const [full, notEmpty, garbage] = await Promise.all([
      home.run(['backup', '/dev/full'], { env: { DATABASE_URL: source.url } }),
      home.run(['restore', path.join(home.dir, 'server.backup')], { env: { DATABASE_URL: source.url } }),
      home.run(['restore', notBackup], { env: { DATABASE_URL: target.url } }),
    ]);
    expect(expectOneLineFailure(full)).toMatch(
      /^haven: The disk is full: the backup to \/dev\/full could not be written/,
    );
    expect(existsSync('/dev/full.partial')).toBe(false);
    expect(expectOneLineFailure(notEmpty)).toMatch(/^haven: The target database is not empty/);
    expect(expectOneLineFailure(garbage)).toMatch(/^haven: .*notes\.txt is not a Haven backup/);
  });
});
