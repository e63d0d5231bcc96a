import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { systemActor } from '../access/actor.js';
import { verifyAuditChain } from '../audit/verify.js';
import { BackupError, backupDatabase, type BackupHeader, restoreDatabase } from './backup.js';
import { openPool } from './connect.js';
import { unitOfWork } from './unit-of-work.js';

const actor = systemActor('backup-test');

/** Values COPY text format must escape: the backup is line-based, so these are what could break it. */
const awkward = {
  plain: 'hello',
  chinese: '张伟 — 沙市区民政局 · 儿童福利',
  emoji: '👧🏽 family: 👨‍👩‍👧',
  newline: 'line one\nline two\n',
  crlf: 'windows\r\nline\rcarriage',
  tab: 'a\tb\t\tc',
  backslash: 'C:\\path\\to\\file \\N \\. \\\\',
  endMarker: '\\.',
  dot: '.',
  quotes: `'single' "double" \`back\``,
  empty: '',
  spaces: '   ',
  control: '\u0001\u0007\u001b[31m',
  separators: 'a\u2028b\u2029c\u0085d',
};

let source: TestDatabase;
let folder: string;
let backupFile: string;
let header: BackupHeader;

beforeAll(async () => {
  source = await createTestDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), 'haven-backup-test-'));
  backupFile = path.join(folder, 'haven.backup');

  await unitOfWork(source.db, actor, 'test.settings', async ({ trx, audit }) => {
    for (const [key, text] of Object.entries(awkward)) {
      await trx
        .insertInto('settings')
        .values({ key: `text.${key}`, value: JSON.stringify({ text, nested: [text, null, { [text]: text }] }) })
        .execute();
      audit({ entityType: 'setting', entityId: key, details: { text } });
    }
    // Keys themselves are text columns: the same values in plain text, not JSON.
    for (const [key, text] of Object.entries(awkward)) {
      await trx
        .insertInto('settings')
        .values({ key: text === '' ? 'raw.empty' : `raw.${text}`, value: JSON.stringify(key) })
        .execute();
    }
    await trx.insertInto('settings').values({ key: 'json.null', value: 'null' }).execute();
    await trx.insertInto('settings').values({ key: 'json.number', value: '1.2345678901234567' }).execute();
    await trx
      .insertInto('settings')
      .values({
        key: 'json.big',
        value: JSON.stringify({ list: Array.from({ length: 2000 }, (_, i) => `item ${i} 条目`) }),
      })
      .execute();
  });
  await unitOfWork(source.db, actor, 'test.jobs', async ({ enqueue, audit }) => {
    await enqueue({ kind: 'notify', payload: { to: '张伟', body: awkward.newline }, dedupeKey: 'notify-1' });
    await enqueue({
      kind: 'notify',
      payload: { body: awkward.backslash },
      runAt: new Date('2031-02-03T04:05:06.789Z'),
    });
    await enqueue({ kind: 'sweep', maxAttempts: 1 });
    audit({ entityType: 'job', details: { queued: 3 } });
  });
  // A failed job: NULLs replaced by text with newlines; a finished time with microseconds.
  await sql`UPDATE jobs SET state = 'failed', attempts = 5, last_error = ${'Error: boom\n    at x (y.ts:1:2)\n\tcaused by \\ tab'}, finished_at = '2026-11-30 12:34:56.123456+08' WHERE kind = 'sweep'`.execute(
    source.db,
  );
  await unitOfWork(source.db, actor, 'test.idempotent', async () => ({ created: awkward.chinese }), {
    key: 'idem-1',
    request: { a: awkward.tab },
  });
  await sql`INSERT INTO sweep_runs (sweep, as_of, finished_at, outcome) VALUES ('deadlines', '2026-12-12T09:00:00+08:00', NULL, ${JSON.stringify({ note: awkward.crlf })}::jsonb)`.execute(
    source.db,
  );
  // Gaps in the identity sequence: the restored sequence must continue after the max, not the count.
  await sql`SELECT nextval(pg_get_serial_sequence('jobs', 'id')) FROM generate_series(1, 5)`.execute(source.db);
  await unitOfWork(source.db, actor, 'test.after-gap', async ({ enqueue }) => enqueue({ kind: 'late' }));

  header = await backupDatabase(source.pool, backupFile);
});

afterAll(async () => {
  await source.drop();
  await rm(folder, { recursive: true, force: true });
});

async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    url,
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((r) => r.name);
}

/** Every row of a table as JSON text, in one total order. */
async function contents(url: string, table: string): Promise<string[]> {
  const rows = await query<{ row: string }>(url, `SELECT row_to_json(t)::text AS row FROM "${table}" t ORDER BY 1`);
  return rows.map((r) => r.row);
}

async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

function rewriteBackup(edit: (lines: string[]) => string[]): Buffer {
  return gzipSync(edit(gunzipSync(backupBytes).toString('utf8').split('\n')).join('\n'));
}
let backupBytes: Buffer;

describe('backup and restore', () => {
  it('records the schema version and every table with its row count', async () => {
    backupBytes = await readFile(backupFile);
    expect(header.format).toBe('haven-backup/2');
    expect(header.schemaVersion).toBe(header.migrations.at(-1));
    expect(header.migrations.length).toBeGreaterThan(0);
    const names = header.tables.map((t) => t.name);
    expect([...names].sort()).toEqual((await tableNames(source.url)).filter((n) => !n.startsWith('kysely_')));
    expect(header.tables.find((t) => t.name === 'settings')?.rows).toBe(Object.keys(awkward).length * 2 + 3);
    expect(header.tables.find((t) => t.name === 'jobs')?.rows).toBe(4);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
  });

  it('restores every row of every table unchanged into an empty database, and sequences continue', async () => {
    const target = await createEmptyDatabase();
    try {
      const restored = await restoreDatabase(target.url, backupFile);
      expect(restored.schemaVersion).toBe(header.schemaVersion);

      expect(await tableNames(target.url)).toEqual(await tableNames(source.url));
      const migrations = (url: string) =>
        query<{ name: string }>(url, 'SELECT name FROM kysely_migration ORDER BY name');
      expect(await migrations(target.url)).toEqual(await migrations(source.url));
      for (const { name, rows } of header.tables) {
        const expected = await contents(source.url, name);
        expect(expected).toHaveLength(rows);
        expect(await contents(target.url, name), `table ${name}`).toEqual(expected);
      }
      // Spot-check the awkward text came back as itself, not merely equal on both sides.
      const [setting] = await query<{ value: { text: string } }>(
        target.url,
        "SELECT value FROM settings WHERE key = 'text.backslash'",
      );
      expect(setting?.value.text).toBe(awkward.backslash);
      const [job] = await query<{ last_error: string; dedupe_key: string | null }>(
        target.url,
        "SELECT last_error, dedupe_key FROM jobs WHERE kind = 'sweep'",
      );
      expect(job).toEqual({ last_error: 'Error: boom\n    at x (y.ts:1:2)\n\tcaused by \\ tab', dedupe_key: null });

      const restoredDb = await openPool(target.url, undefined, 2);
      try {
        expect(await verifyAuditChain(restoredDb.db)).toMatchObject({ ok: true });
        const maxIds = async (url: string) =>
          (
            await query<{ jobs: string; audit: string }>(
              url,
              'SELECT (SELECT max(id) FROM jobs) AS jobs, (SELECT max(id) FROM audit_log) AS audit',
            )
          )[0];
        const before = await maxIds(target.url);
        expect(before).toEqual(await maxIds(source.url));
        // One more write through the normal path: identity columns continue after the max id.
        await unitOfWork(restoredDb.db, actor, 'test.after-restore', async ({ enqueue }) => enqueue({ kind: 'after' }));
        const after = await maxIds(target.url);
        expect(BigInt(after?.jobs ?? 0)).toBe(BigInt(before?.jobs ?? 0) + 1n);
        expect(BigInt(after?.audit ?? 0)).toBe(BigInt(before?.audit ?? 0) + 1n);
        expect(await verifyAuditChain(restoredDb.db)).toMatchObject({ ok: true });
      } finally {
        await restoredDb.close();
      }
    } finally {
      await target.drop();
    }
  });

  it('refuses to restore into a database that is not empty, and writes nothing', async () => {
    const target = await createEmptyDatabase();
    try {
      await query(target.url, "CREATE TABLE keep_me (note text); INSERT INTO keep_me VALUES ('mine')");
      const error = await restoreDatabase(target.url, backupFile).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(/not empty.*keep_me.*nothing was restored/);
      expect(await tableNames(target.url)).toEqual(['keep_me']);
      expect(await contents(target.url, 'keep_me')).toEqual(['{"note":"mine"}']);
    } finally {
      await target.drop();
    }
    // A migrated Haven database is refused the same way.
    const haven = await createTestDatabase();
    try {
      await expect(restoreDatabase(haven.url, backupFile)).rejects.toThrow(/not empty/);
      expect(await contents(haven.url, 'settings')).toEqual([]);
    } finally {
      await haven.drop();
    }
  });

  describe('a damaged file gives a clear message and leaves the target empty', () => {
    let target: { url: string; drop(): Promise<void> };
    beforeAll(async () => {
      target = await createEmptyDatabase();
    });
    afterAll(async () => target.drop());

    const cases: [string, () => Buffer | string | undefined, RegExp][] = [
      ['a missing file', () => undefined, /Cannot read the backup .*no such file/],
      ['a text file', () => 'name,age\n张伟,7\n', /is not a Haven backup/],
      ['an empty file', () => Buffer.alloc(0), /is not a Haven backup/],
      ['a gzip file of something else', () => gzipSync('{"hello":"world"}\n'), /is not a Haven backup/],
      [
        'a file cut in half',
        () => backupBytes.subarray(0, Math.floor(backupBytes.length / 2)),
        /is incomplete|truncated/,
      ],
      [
        'a file cut off after 30 bytes',
        () => backupBytes.subarray(0, 30),
        /is not a Haven backup|incomplete|truncated/,
      ],
      ['a file with a corrupted byte', () => corruptMiddle(backupBytes), /damaged|incomplete|truncated/],
      [
        'a file missing its last tables',
        () =>
          rewriteBackup((lines) =>
            lines.slice(
              0,
              lines.findIndex((l) => l.startsWith('@table settings')),
            ),
          ),
        /incomplete: it ends before table settings/,
      ],
      [
        'a file ending inside a table',
        () =>
          rewriteBackup((lines) =>
            lines.slice(
              0,
              lines.findIndex((l) => l.startsWith('text.chinese')),
            ),
          ),
        /incomplete: it ends inside table settings/,
      ],
      [
        'a file missing one row',
        () => rewriteBackup((lines) => lines.filter((l) => !l.startsWith('text.emoji'))),
        /table settings has \d+ rows, its header says \d+/,
      ],
      // Edited files whose structure still holds: refused by their signature (issue 12, item 8).
      [
        'a file with a garbled row',
        () =>
          rewriteBackup((lines) =>
            lines.map((l) =>
              l.startsWith('text.tab\t')
                ? l
                    .split('\t')
                    .map((f, i) => (i === 1 ? 'not json' : f))
                    .join('\t')
                : l,
            ),
          ),
        /does not match its signature: it was changed after `haven backup` wrote it/,
      ],
      [
        'a file with an edited value',
        () =>
          rewriteBackup((lines) => lines.map((l) => (l.startsWith('text.chinese\t') ? l.replace('张伟', '李伟') : l))),
        /does not match its signature: it was changed after `haven backup` wrote it/,
      ],
      [
        'a file with an edited header',
        () =>
          rewriteBackup(([first = '', ...rest]) => [
            first.replace(/"createdAt":"[^"]*"/, '"createdAt":"2020-01-01T00:00:00.000Z"'),
            ...rest,
          ]),
        /does not match its signature/,
      ],
      [
        'a file with an audit entry removed and its row count fixed',
        () => removeAuditEntry(),
        /does not match its signature/,
      ],
      [
        'a file with lines after its signature',
        () => rewriteBackup((lines) => [...lines.slice(0, -1), '@table extra ["x"]', '']),
        /lines after its signature/,
      ],
      [
        'a file whose signature was removed',
        () => rewriteBackup((lines) => lines.filter((l) => !l.startsWith('@signature '))),
        /has no signature/,
      ],
      [
        'a file signed by another installation',
        () =>
          rewriteBackup((lines) =>
            lines.map((l) => (l.startsWith('@signature ') ? `@signature hmac-sha256 ${'ab'.repeat(32)}` : l)),
          ),
        /another key/,
      ],
      [
        'an unsigned backup of the old format',
        () => asUnsignedOldFormat(),
        /is not signed: it was written by an older Haven.*--allow-unsigned/,
      ],
      [
        'a file from a newer Haven',
        () =>
          rewriteBackup(([first = '', ...rest]) => [
            first.replace(/"migrations":\[/, '"migrations":["9999_future",'),
            ...rest,
          ]),
        /made by a newer Haven.*9999_future/,
      ],
    ];
    for (const [name, content, message] of cases) {
      it(name, async () => {
        const file = path.join(folder, `damaged-${name.replaceAll(' ', '-')}.backup`);
        const bytes = content();
        if (bytes !== undefined) await writeFile(file, bytes);
        const error = await restoreDatabase(target.url, file).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BackupError);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).not.toContain('\n');
        expect(await tableNames(target.url)).toEqual([]);
      });
    }
  });

  it('restores an unsigned backup of the old format only when told to, and verifies its audit chain', async () => {
    const file = path.join(folder, 'old-format.backup');
    await writeFile(file, asUnsignedOldFormat());
    const target = await createEmptyDatabase();
    try {
      await expect(restoreDatabase(target.url, file)).rejects.toThrow(/--allow-unsigned/);
      expect(await tableNames(target.url)).toEqual([]);
      const restored = await restoreDatabase(target.url, file, undefined, { allowUnsigned: true });
      expect(restored.format).toBe('haven-backup/1');
      const db = await openPool(target.url, undefined, 2);
      try {
        expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
      } finally {
        await db.close();
      }
    } finally {
      await target.drop();
    }
  });

  describe('writing the backup fails cleanly', () => {
    it('says the disk is full (writing to /dev/full) and leaves no partial file behind', async () => {
      const error = await backupDatabase(source.pool, '/dev/full').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(/^The disk is full: the backup to \/dev\/full could not be written/);
      expect(existsSync('/dev/full.partial')).toBe(false);
      // /dev/full is still the device, not a file renamed over it.
      expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
      // The pool is still usable: the client stopped mid-COPY was discarded, not returned.
      await expect(sql`SELECT 1 AS one`.execute(source.db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    });

    it('names a missing folder', async () => {
      const file = path.join(folder, 'no-such-folder', 'haven.backup');
      await expect(backupDatabase(source.pool, file)).rejects.toThrow(/the folder .*no-such-folder does not exist/);
      expect(existsSync(`${file}.partial`)).toBe(false);
    });

    it('refuses a folder as the target', async () => {
      await expect(backupDatabase(source.pool, folder)).rejects.toThrow(/is a folder: name a file/);
    });

    it('replaces an existing backup file only when the new one is complete', async () => {
      const file = path.join(folder, 'again.backup');
      await writeFile(file, 'old');
      await backupDatabase(source.pool, file);
      expect(gunzipSync(await readFile(file)).toString('utf8')).toMatch(/^\{"format":"haven-backup\/2"/);
    });
  });
});

/** A backup as Haven wrote it before signing: format haven-backup/1, no signature line. */
function asUnsignedOldFormat(): Buffer {
  return rewriteBackup(([first = '', ...rest]) => [
    first.replace('"format":"haven-backup/2"', '"format":"haven-backup/1"'),
    ...rest.filter((l) => !l.startsWith('@signature ')),
  ]);
}

/** What an attacker edits into a backup: one audit entry gone, the header's row count made to agree. */
function removeAuditEntry(): Buffer {
  return rewriteBackup((lines) => {
    const start = lines.findIndex((l) => l.startsWith('@table audit_log '));
    const [first = '', ...rest] = lines.filter((_, i) => i !== start + 1);
    const header = JSON.parse(first) as BackupHeader;
    const audit = header.tables.find((t) => t.name === 'audit_log')!;
    audit.rows -= 1;
    return [JSON.stringify(header), ...rest];
  });
}

function corruptMiddle(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
