import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import readline from 'node:readline';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrationStatus } from './migrate.js';
import { openPool } from './connect.js';
import { migrateTo } from './migrate.js';

/*
 * Haven's own backup format, because the embedded package ships no pg_dump and an older pg_dump
 * refuses a newer server. A gzip stream of lines: a JSON header (format, schema version, tables),
 * then per table a `@table <name> <json columns>` line, its rows in COPY text format (which
 * escapes newlines and backslashes, so a row is one line and never the end marker) and `\.`.
 * All tables are read in one REPEATABLE READ snapshot, so the copy is consistent while Haven runs.
 */
export const backupFormat = 'haven-backup/1';

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

interface BackupHeader {
  format: string;
  createdAt: string;
  schemaVersion: string | null;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

export async function backupDatabase(pool: pg.Pool, file: string, onProgress?: (table: string, done: number, total: number) => void): Promise<BackupHeader> {
  const client = await pool.connect();
  const temp = `${file}.partial`;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await listTables(client);
    const counts = [];
    for (const name of tables) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`);
      counts.push({ name, rows: Number(result.rows[0]?.n ?? 0) });
    }
    const migrations = (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map((r) => r.name);
    const header: BackupHeader = { format: backupFormat, createdAt: new Date().toISOString(), schemaVersion: migrations.at(-1) ?? null, migrations, tables: counts };

    const gzip = createGzip();
    const output = createWriteStream(temp, { mode: 0o600 });
    const done = pipeline(gzip, output);
    await write(gzip, `${JSON.stringify(header)}\n`);
    for (const [index, name] of tables.entries()) {
      onProgress?.(name, index, tables.length);
      const columns = await tableColumns(client, name);
      await write(gzip, `@table ${name} ${JSON.stringify(columns)}\n`);
      const source = client.query(copyTo(`COPY ${quoteIdent(name)} (${columns.map(quoteIdent).join(', ')}) TO STDOUT`));
      await pipeline(source, new PassThrough(), async function* (chunks) {
        for await (const chunk of chunks) yield chunk as Buffer;
      }, gzipSink(gzip));
      await write(gzip, '\\.\n');
    }
    gzip.end();
    await done;
    await client.query('COMMIT');
    await rename(temp, file);
    return header;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new BackupError(`The disk is full: the backup to ${file} was not written (nothing was changed). Free some space or write the backup elsewhere.`);
    if (code === 'EACCES' || code === 'ENOENT') throw new BackupError(`Cannot write the backup to ${file} (${code}). Check that the folder exists and is writable.`);
    throw error;
  } finally {
    client.release();
  }
}

/** Restores into an empty database: migrates it to the backup's schema version, then loads rows. */
export async function restoreDatabase(url: string, file: string, onProgress?: (table: string, rows: number) => void): Promise<BackupHeader> {
  const target = await openPool(url, undefined, 2);
  try {
    const status = await migrationStatus(target.db);
    if (status.applied.length > 0) throw new BackupError('The target database is not empty (it has Haven tables). Restore into a new, empty database.');
    const lines = readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    const iterator = lines[Symbol.asyncIterator]();
    const first = await iterator.next().catch((error: unknown) => {
      throw new BackupError(`${file} is not a Haven backup (${(error as Error).message}).`);
    });
    const header = parseHeader(first.value, file);
    if (header.schemaVersion) await migrateTo(target.db, header.schemaVersion);
    const client = await target.pool.connect();
    try {
      await client.query('BEGIN');
      // Migrations may seed reference rows that the backup holds too: empty those tables first.
      // (The audit log is never seeded, and its trigger refuses TRUNCATE.)
      const tables = header.tables.map((t) => t.name).filter((name) => name !== 'audit_log');
      if (tables.length > 0) await client.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')}`);
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const line = next.value;
        if (!line.startsWith('@table ')) throw new BackupError(`${file} is damaged near "${line.slice(0, 40)}".`);
        const [, name = '', columnsJson = '[]'] = /^@table (\S+) (.*)$/.exec(line) ?? [];
        const columns = JSON.parse(columnsJson) as string[];
        const sink = client.query(copyFrom(`COPY ${quoteIdent(name)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
        let rows = 0;
        const body = Readable.from(
          (async function* () {
            for (;;) {
              const row = await iterator.next();
              if (row.done) throw new BackupError(`${file} ends inside table ${name}: the backup is incomplete.`);
              if (row.value === '\\.') return;
              rows += 1;
              yield `${row.value}\n`;
            }
          })(),
        );
        await pipeline(body, sink);
        onProgress?.(name, rows);
      }
      await resetIdentitySequences(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return header;
  } finally {
    await target.close();
  }
}

function parseHeader(line: string | undefined, file: string): BackupHeader {
  try {
    const header = JSON.parse(line ?? '') as BackupHeader;
    if (header.format === backupFormat) return header;
  } catch {
    // fall through to the message below
  }
  throw new BackupError(`${file} is not a Haven backup (format ${backupFormat} expected).`);
}

/** Tables in an order where every referenced table comes before the tables that refer to it. */
async function listTables(client: pg.PoolClient): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('kysely_migration', 'kysely_migration_lock') ORDER BY tablename",
  );
  const references = await client.query<{ child: string; parent: string }>(
    "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid <> confrelid",
  );
  const unquote = (name: string) => name.replace(/^"|"$/g, '');
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of references.rows) {
    const set = parents.get(unquote(child)) ?? new Set<string>();
    set.add(unquote(parent));
    parents.set(unquote(child), set);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) place(parent, path);
    placed.add(name);
    ordered.push(name);
  };
  for (const { name } of result.rows) place(name, new Set());
  return ordered.filter((name) => result.rows.some((row) => row.name === name));
}

async function tableColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
    [quoteIdent(table)],
  );
  return result.rows.map((r) => r.name);
}

async function resetIdentitySequences(client: pg.PoolClient) {
  const identities = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
  );
  for (const { table_name: table, column_name: column } of identities.rows) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(COALESCE((SELECT max(${quoteIdent(column)}) FROM ${quoteIdent(table)}), 0), 1), (SELECT count(*) > 0 FROM ${quoteIdent(table)}))`,
      [quoteIdent(table), column],
    );
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Feeds COPY output into the shared gzip stream without ending it. */
function gzipSink(gzip: Writable) {
  return async function (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      if (!gzip.write(chunk)) await new Promise<void>((resolve) => gzip.once('drain', () => resolve()));
    }
  };
}
