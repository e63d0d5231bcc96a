import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

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
export const backupFormat = 'haven-backup/2';
/** Backups written before signing (issue 12): restored only when the operator says so (`--allow-unsigned`). */
export const unsignedBackupFormat = 'haven-backup/1';

/*
 * A `haven-backup/2` file ends with `@signature hmac-sha256 <hex>`: HMAC-SHA256, under the
 * installation key's backup-signing subkey, of every line before it (each with its `\n`). So an
 * edited backup — or one written by an installation with another key — is refused before anything
 * is restored.
 */
export const signaturePrefix = '@signature hmac-sha256 ';

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

export async function openBackup(file: string): Promise<AsyncGenerator<string>> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(
      `Cannot read the backup ${file} (${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}).`,
    );
  });
  if (!info.isFile()) throw new BackupError(`${file} is not a file: name a backup file.`);
  if (!(await startsWithGzipMagic(file)))
    throw new BackupError(`${file} is not a Haven backup (not a gzip file made by \`haven backup\`).`);
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
      if (code === 'Z_BUF_ERROR')
        throw new BackupError(
          `${file} is incomplete: it was cut off (truncated). Use another backup; nothing was restored.`,
        );
      if (code?.startsWith('Z_'))
        throw new BackupError(
          `${file} is damaged (${(error as Error).message}). Use another backup; nothing was restored.`,
        );
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

export function parseHeader(line: string | undefined, file: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    value = undefined;
  }
  const header = value as Partial<BackupHeader> | undefined;
  if (
    typeof header !== 'object' ||
    header === null ||
    (header.format !== backupFormat && header.format !== unsignedBackupFormat)
  ) {
    throw new BackupError(`${file} is not a Haven backup (format ${backupFormat} expected).`);
  }
  const valid =
    Array.isArray(header.migrations) &&
    header.migrations.every((m) => typeof m === 'string') &&
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) => typeof t?.name === 'string' && /^\S+$/.test(t.name) && Number.isInteger(t.rows) && t.rows >= 0,
    ) &&
    (header.schemaVersion === null || typeof header.schemaVersion === 'string') &&
    typeof header.createdAt === 'string';
  if (!valid) throw new BackupError(`${file} is damaged: its header is incomplete. Use another backup.`);
  return header as BackupHeader;
}

export function parseColumns(json: string, table: string, file: string): string[] {
  try {
    const columns: unknown = JSON.parse(json);
    if (Array.isArray(columns) && columns.length > 0 && columns.every((c) => typeof c === 'string'))
      return columns as string[];
  } catch {
    // fall through to the message below
  }
  throw new BackupError(`${file} is damaged: the column list of table ${table} cannot be read. Use another backup.`);
}

/** The same text forms on both sides (dates, intervals, floats), whatever the servers' defaults. */
export function pgMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const detail = (error as { detail?: unknown }).detail;
  const text = error.message || (typeof code === 'string' ? `SQLSTATE ${code}` : error.name);
  return typeof detail === 'string' && detail ? `${text} (${detail})` : text;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
