import { createHmac } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { derivedKey } from '../secrets/installation-key.js';
import { BackupError, type BackupHeader, backupFormat, quoteIdent, signaturePrefix } from './backup-format.js';
import { appliedMigrations, listTables, stableTextFormats, tableColumns } from './backup-schema.js';

export { BackupError, type BackupHeader, backupFormat } from './backup-format.js';
export { restoreDatabase, verifyBackup } from './restore.js';

interface Target {
  /** Where the bytes go: `<file>.partial`, renamed over `file` when complete; or `file` itself. */
  writePath: string;
  finalPath: string;
  /** A device or pipe (e.g. /dev/full, /dev/stdout): written directly, never renamed over. */
  direct: boolean;
}

export async function backupDatabase(
  pool: pg.Pool,
  file: string,
  onProgress?: (table: string, done: number, total: number) => void,
): Promise<BackupHeader> {
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
  const signature = createHmac('sha256', derivedKey('backup-signing'));
  const signed = (part: Buffer | string) => {
    signature.update(part);
    return part;
  };
  yield signed(`${JSON.stringify(header)}\n`);
  for (const [index, { name, columns }] of tables.entries()) {
    onProgress?.(name, index, tables.length);
    yield signed(`@table ${name} ${JSON.stringify(columns)}\n`);
    const rows = client.query(copyTo(`COPY ${quoteIdent(name)} (${columns.map(quoteIdent).join(', ')}) TO STDOUT`));
    for await (const chunk of rows) yield signed(chunk as Buffer);
    yield signed('\\.\n');
  }
  yield `${signaturePrefix}${signature.digest('hex')}\n`;
}

async function backupTarget(file: string): Promise<Target> {
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory())
    throw new BackupError(`${file} is a folder: name a file for the backup, e.g. ${path.join(file, 'haven.backup')}.`);
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
      return new BackupError(
        `The disk is full: the backup to ${file} could not be written${leftover}. Free some space, or write the backup to another disk.`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new BackupError(
        `Cannot write the backup to ${file} (${code}: not permitted). Choose a folder this user may write to.`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new BackupError(
        `Cannot write the backup to ${file}: the folder ${path.dirname(path.resolve(file))} does not exist. Create it, or name another file.`,
      );
    case 'EIO':
      return new BackupError(
        `The disk failed while writing the backup to ${file} (EIO)${leftover}. Write the backup to another disk.`,
      );
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
