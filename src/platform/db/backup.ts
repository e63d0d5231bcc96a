import { createReadStream, createWriteStream } from 'node:fs';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { Kysely, Migrator, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openPool } from './connect.js';
import { migrations as knownMigrations } from './migrations/index.js';

/*
 * Haven's own backup format, because the embedded package ships no pg_dump and an older pg_dump
 * refuses a newer server. A gzip stream of lines: a JSON header (format, schema version, tables
 * with their row counts), then per table a `@table <name> <json columns>` line, its rows in COPY
 * text format (which escapes newlines, carriage returns and backslashes, so a row is one line and
 * never the end marker) and `\.`. All tables are read in one REPEATABLE READ snapshot, so the
 * copy is consistent while Haven runs. A restore runs in one transaction (migrations included):
 * it either loads everything, checked against the header's row counts, or leaves the target as
 * empty as it found it.
 */
export const backupFormat = 'haven-backup/1';

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface BackupHeader {
  format: string;
  createdAt: string;
  schemaVersion: string | null;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

interface Target {
  /** Where the bytes go: `<file>.partial`, renamed over `file` when complete; or `file` itself. */
  writePath: string;
  finalPath: string;
  /** A device or pipe (e.g. /dev/full, /dev/stdout): written directly, never renamed over. */
  direct: boolean;
}

export async function backupDatabase(pool: pg.Pool, file: string, onProgress?: (table: string, done: number, total: number) => void): Promise<BackupHeader> {
  const target = await backupTarget(file);
  const client = await pool.connect();
  // A client stopped in the middle of COPY is not reusable: on failure it is closed, not returned.
  let failure: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await stableTextFormats(client);
    const names = await listTables(client);
    const tables: { name: string; rows: number; columns: string[] }[] = [];
    for (const name of names) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`);
      tables.push({ name, rows: Number(result.rows[0]?.n ?? 0), columns: await tableColumns(client, name) });
    }
    const migrations = await appliedMigrations(client);
    const header: BackupHeader = {
      format: backupFormat,
      createdAt: new Date().toISOString(),
      schemaVersion: migrations.at(-1) ?? null,
      migrations,
      tables: tables.map(({ name, rows }) => ({ name, rows })),
    };

    const content = Readable.from(backupContent(client, header, tables, onProgress), { objectMode: false });
    // `flush`: a regular file is fsynced before it is closed, so the rename below exposes only complete, durable backups.
    await pipeline(content, createGzip(), createWriteStream(target.writePath, { mode: 0o600, flush: !target.direct }));
    await client.query('COMMIT');
    if (!target.direct) {
      await rename(target.writePath, target.finalPath);
      await syncFolder(path.dirname(target.finalPath));
    }
    return header;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    if (!target.direct) await rm(target.writePath, { force: true }).catch(() => undefined);
    throw writeFailure(error, file, target);
  } finally {
    client.release(failure);
  }
}

async function* backupContent(
  client: pg.PoolClient,
  header: BackupHeader,
  tables: readonly { name: string; columns: string[] }[],
  onProgress?: (table: string, done: number, total: number) => void,
): AsyncGenerator<Buffer | string> {
  yield `${JSON.stringify(header)}\n`;
  for (const [index, { name, columns }] of tables.entries()) {
    onProgress?.(name, index, tables.length);
    yield `@table ${name} ${JSON.stringify(columns)}\n`;
    const rows = client.query(copyTo(`COPY ${quoteIdent(name)} (${columns.map(quoteIdent).join(', ')}) TO STDOUT`));
    for await (const chunk of rows) yield chunk as Buffer;
    yield '\\.\n';
  }
}

async function backupTarget(file: string): Promise<Target> {
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new BackupError(`${file} is a folder: name a file for the backup, e.g. ${path.join(file, 'haven.backup')}.`);
  if (info && !info.isFile()) return { writePath: file, finalPath: file, direct: true };
  const finalPath = info ? await realpath(file) : path.resolve(file);
  return { writePath: `${finalPath}.partial`, finalPath, direct: false };
}

function writeFailure(error: unknown, file: string, target: Target): unknown {
  if (error instanceof BackupError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const leftover = target.direct ? '' : ' (no partial file was left behind)';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new BackupError(`The disk is full: the backup to ${file} could not be written${leftover}. Free some space, or write the backup to another disk.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new BackupError(`Cannot write the backup to ${file} (${code}: not permitted). Choose a folder this user may write to.`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new BackupError(`Cannot write the backup to ${file}: the folder ${path.dirname(path.resolve(file))} does not exist. Create it, or name another file.`);
    case 'EIO':
      return new BackupError(`The disk failed while writing the backup to ${file} (EIO)${leftover}. Write the backup to another disk.`);
    default:
      return error;
  }
}

async function syncFolder(folder: string) {
  // Makes the rename durable; some file systems refuse fsync on a folder, which is harmless.
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

/** Restores into an empty database: migrates it to the backup's schema version, then loads rows, all in one transaction. */
export async function restoreDatabase(url: string, file: string, onProgress?: (table: string, rows: number) => void): Promise<BackupHeader> {
  // Cheap checks first (the file exists and is gzip; the target is empty), then a whole pass over
  // the file, so a truncated or damaged backup is refused before the target is touched.
  await (await openBackup(file)).return(undefined);
  const target = await openPool(url, undefined, 1);
  try {
    await refuseUnlessEmpty(target.pool);
    const header = await verifyBackup(file);
    const lines = await openBackup(file);
    const client = await target.pool.connect();
    // On failure the connection is closed, not rolled back: the server then discards the whole
    // transaction even in the middle of a COPY, and the target stays as empty as it was.
    let failure: Error | undefined;
    try {
      await lines.next(); // the header, checked above
      await client.query('BEGIN');
      await stableTextFormats(client);
      await refuseUnlessEmpty(client);
      if (header.schemaVersion) await migrateInTransaction(client, header.schemaVersion);

      // Migrations may seed reference rows that the backup holds too: empty those tables first.
      // (The audit log is never seeded, and its trigger refuses TRUNCATE.)
      // All in one TRUNCATE, so foreign keys between them do not stand in the way.
      const tables = header.tables.map((t) => t.name).filter((name) => name !== 'audit_log');
      try {
        let seeded = false;
        for (const name of tables) {
          seeded ||= ((await client.query(`SELECT 1 FROM ${quoteIdent(name)} LIMIT 1`)).rowCount ?? 0) > 0;
        }
        if (seeded) await client.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')}`);
      } catch (error) {
        throw new BackupError(`${file} does not match the Haven schema ${header.schemaVersion}: ${pgMessage(error)}. Nothing was restored.`);
      }

      const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
      const loaded = new Set<string>();
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        const line = next.value;
        const match = /^@table (\S+) (\[.*\])$/.exec(line);
        if (!match) throw new BackupError(`${file} is damaged near "${line.slice(0, 40)}". Use another backup.`);
        const name = match[1] ?? '';
        const columns = parseColumns(match[2] ?? '', name, file);
        const rowsExpected = expected.get(name);
        if (rowsExpected === undefined || loaded.has(name)) throw new BackupError(`${file} is damaged: table ${name} is not listed in its header, or appears twice. Use another backup.`);
        const rows = await copyTableIn(client, name, columns, lines, file);
        if (rows !== rowsExpected) throw new BackupError(`${file} is damaged: table ${name} has ${rows} rows, its header says ${rowsExpected}. Use another backup.`);
        loaded.add(name);
        onProgress?.(name, rows);
      }
      const missing = header.tables.filter((t) => !loaded.has(t.name)).map((t) => t.name);
      if (missing.length > 0) throw new BackupError(`${file} is incomplete: it ends before table ${missing[0]}. Use another backup; nothing was restored.`);

      await resetSequences(client);
      await client.query('COMMIT');
      return header;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(failure);
      await lines.return(undefined);
    }
  } finally {
    await target.close();
  }
}

async function refuseUnlessEmpty(db: pg.Pool | pg.PoolClient) {
  const existing = await db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  if (existing.rows.length === 0) return;
  const names = existing.rows.map((r) => r.name);
  throw new BackupError(
    `The target database is not empty (it has ${names.length} table${names.length === 1 ? '' : 's'}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); nothing was restored. Restore into a new, empty database (embedded: a new HAVEN_DATA_DIR; server: a newly created database).`,
  );
}

/**
 * Reads a backup from end to end without a database: the gzip checksum, the header, every table
 * with the row count its header records. Returns the header, or throws a BackupError saying what
 * is wrong with the file.
 */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  const lines = await openBackup(file);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value, file);
    const unknown = header.migrations.filter((name) => !(name in knownMigrations));
    if (unknown.length > 0) {
      throw new BackupError(
        `${file} was made by a newer Haven (schema ${header.schemaVersion}; this version does not know ${unknown.join(', ')}). Restore it with that Haven version or a later one.`,
      );
    }
    const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
    const seen = new Set<string>();
    let table: string | undefined;
    let rows = 0;
    for await (const line of lines) {
      if (table === undefined) {
        const match = /^@table (\S+) (\[.*\])$/.exec(line);
        if (!match) throw new BackupError(`${file} is damaged near "${line.slice(0, 40)}". Use another backup.`);
        table = match[1] ?? '';
        parseColumns(match[2] ?? '', table, file);
        if (!expected.has(table) || seen.has(table)) throw new BackupError(`${file} is damaged: table ${table} is not listed in its header, or appears twice. Use another backup.`);
        rows = 0;
      } else if (line === '\\.') {
        if (rows !== expected.get(table)) throw new BackupError(`${file} is damaged: table ${table} has ${rows} rows, its header says ${expected.get(table)}. Use another backup.`);
        seen.add(table);
        table = undefined;
      } else {
        rows += 1;
      }
    }
    if (table !== undefined) throw new BackupError(`${file} is incomplete: it ends inside table ${table}. Use another backup; nothing was restored.`);
    const missing = header.tables.find((t) => !seen.has(t.name));
    if (missing) throw new BackupError(`${file} is incomplete: it ends before table ${missing.name}. Use another backup; nothing was restored.`);
    return header;
  } finally {
    await lines.return(undefined);
  }
}

async function copyTableIn(client: pg.PoolClient, name: string, columns: string[], lines: AsyncGenerator<string>, file: string): Promise<number> {
  let rows = 0;
  let damaged: BackupError | undefined;
  const body = Readable.from(
    (async function* () {
      // Rows go to PostgreSQL in batches of about 64 kB rather than one write per row.
      let batch: string[] = [];
      let size = 0;
      for (;;) {
        const row = await lines.next();
        if (row.done) {
          damaged = new BackupError(`${file} is incomplete: it ends inside table ${name}. Use another backup; nothing was restored.`);
          throw damaged;
        }
        if (row.value === '\\.') break;
        rows += 1;
        batch.push(row.value, '\n');
        size += row.value.length + 1;
        if (size >= 65_536) {
          yield batch.join('');
          batch = [];
          size = 0;
        }
      }
      if (batch.length > 0) yield batch.join('');
    })(),
    { objectMode: false },
  );
  const sink = client.query(copyFrom(`COPY ${quoteIdent(name)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
  try {
    await pipeline(body, sink);
  } catch (error) {
    if (damaged) throw damaged;
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} could not be restored: table ${name}: ${pgMessage(error)}. Nothing was restored.`);
  }
  return rows;
}

/** Runs the migrations up to `version` on the restore's own connection, inside its transaction. */
async function migrateInTransaction(client: pg.PoolClient, version: string) {
  const single: PostgresPoolClient = {
    query: client.query.bind(client) as PostgresPoolClient['query'],
    release: () => undefined,
  };
  const pool: PostgresPool = { connect: async () => single, end: async () => undefined };
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => knownMigrations }, disableTransactions: true });
  const result = await migrator.migrateTo(version);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? version;
    throw new BackupError(`Preparing the schema for the restore failed at migration ${failed}: ${pgMessage(result.error)}. Nothing was restored.`);
  }
}

/** Lines of a gzip file, each without its `\n`; read or decompression errors become BackupErrors. */
async function openBackup(file: string): Promise<AsyncGenerator<string>> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`Cannot read the backup ${file} (${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}).`);
  });
  if (!info.isFile()) throw new BackupError(`${file} is not a file: name a backup file.`);
  if (!(await startsWithGzipMagic(file))) throw new BackupError(`${file} is not a Haven backup (not a gzip file made by \`haven backup\`).`);
  return (async function* () {
    const gunzip = createGunzip();
    pipeline(createReadStream(file), gunzip).catch(() => undefined);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    try {
      for await (const chunk of gunzip) {
        const text = pending + decoder.write(chunk as Buffer);
        let start = 0;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
          yield text.slice(start, end);
          start = end + 1;
        }
        pending = text.slice(start);
      }
    } catch (error) {
      if (error instanceof BackupError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'Z_BUF_ERROR') throw new BackupError(`${file} is incomplete: it was cut off (truncated). Use another backup; nothing was restored.`);
      if (code?.startsWith('Z_')) throw new BackupError(`${file} is damaged (${(error as Error).message}). Use another backup; nothing was restored.`);
      throw new BackupError(`Cannot read the backup ${file}: ${(error as Error).message || code}.`);
    } finally {
      gunzip.destroy();
    }
    pending += decoder.end();
    if (pending !== '') yield pending;
  })();
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function parseHeader(line: string | undefined, file: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    value = undefined;
  }
  const header = value as Partial<BackupHeader> | undefined;
  if (typeof header !== 'object' || header === null || header.format !== backupFormat) {
    throw new BackupError(`${file} is not a Haven backup (format ${backupFormat} expected).`);
  }
  const valid =
    Array.isArray(header.migrations) &&
    header.migrations.every((m) => typeof m === 'string') &&
    Array.isArray(header.tables) &&
    header.tables.every((t) => typeof t?.name === 'string' && /^\S+$/.test(t.name) && Number.isInteger(t.rows) && t.rows >= 0) &&
    (header.schemaVersion === null || typeof header.schemaVersion === 'string') &&
    typeof header.createdAt === 'string';
  if (!valid) throw new BackupError(`${file} is damaged: its header is incomplete. Use another backup.`);
  return header as BackupHeader;
}

function parseColumns(json: string, table: string, file: string): string[] {
  try {
    const columns: unknown = JSON.parse(json);
    if (Array.isArray(columns) && columns.length > 0 && columns.every((c) => typeof c === 'string')) return columns as string[];
  } catch {
    // fall through to the message below
  }
  throw new BackupError(`${file} is damaged: the column list of table ${table} cannot be read. Use another backup.`);
}

/** The same text forms on both sides (dates, intervals, floats), whatever the servers' defaults. */
async function stableTextFormats(client: pg.PoolClient) {
  await client.query("SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 3");
}

async function appliedMigrations(client: pg.PoolClient): Promise<string[]> {
  const found = await client.query<{ found: boolean }>("SELECT to_regclass('public.kysely_migration') IS NOT NULL AS found");
  if (!found.rows[0]?.found) return [];
  return (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map((r) => r.name);
}

/** Tables in an order where every referenced table comes before the tables that refer to it. */
async function listTables(client: pg.PoolClient): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('kysely_migration', 'kysely_migration_lock') ORDER BY tablename",
  );
  const references = await client.query<{ child: string; parent: string }>(
    "SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid",
  );
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of references.rows) {
    const set = parents.get(child) ?? new Set<string>();
    set.add(parent);
    parents.set(child, set);
  }
  const names = new Set(result.rows.map((row) => row.name));
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) place(parent, path);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of names) place(name, new Set());
  for (const name of names) {
    if (/\s/.test(name)) throw new BackupError(`Table "${name}" has white space in its name, which the backup format cannot hold.`);
  }
  return ordered.filter((name) => names.has(name));
}

async function tableColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
    [quoteIdent(table)],
  );
  return result.rows.map((r) => r.name);
}

/** Identity and serial columns continue after the largest restored value. */
async function resetSequences(client: pg.PoolClient) {
  const columns = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
  );
  for (const { table_name: table, column_name: column } of columns.rows) {
    await client.query(
      `SELECT setval(seq::regclass, GREATEST(COALESCE((SELECT max(${quoteIdent(column)}) FROM ${quoteIdent(table)}), 0), 1), (SELECT count(*) > 0 FROM ${quoteIdent(table)}))
         FROM pg_get_serial_sequence($1, $2) AS seq WHERE seq IS NOT NULL`,
      [quoteIdent(table), column],
    );
  }
}

function pgMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const detail = (error as { detail?: unknown }).detail;
  const text = error.message || (typeof code === 'string' ? `SQLSTATE ${code}` : error.name);
  return typeof detail === 'string' && detail ? `${text} (${detail})` : text;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
