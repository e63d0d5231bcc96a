import { createHmac, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, Migrator, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openPool } from './connect.js';
import { migrations as knownMigrations } from './migrations/index.js';
import { derivedKey } from '../secrets/installation-key.js';
import {
  BackupError,
  type BackupHeader,
  backupFormat,
  openBackup,
  parseColumns,
  parseHeader,
  pgMessage,
  quoteIdent,
  signaturePrefix,
} from './backup-format.js';
import { resetSequences, stableTextFormats } from './backup-schema.js';

export interface RestoreOptions {
  /** Accept a backup written before backups were signed (format haven-backup/1). A signature that does not match is never accepted. */
  allowUnsigned?: boolean;
}

export async function restoreDatabase(
  url: string,
  file: string,
  onProgress?: (table: string, rows: number) => void,
  options: RestoreOptions = {},
): Promise<BackupHeader> {
  // Cheap checks first (the file exists and is gzip; the target is empty), then a whole pass over
  // the file, so a truncated or damaged backup is refused before the target is touched.
  await (await openBackup(file)).return(undefined);
  const target = await openPool(url, undefined, 1);
  try {
    await refuseUnlessEmpty(target.pool);
    const header = await verifyBackup(file, options);
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
        throw new BackupError(
          `${file} does not match the Haven schema ${header.schemaVersion}: ${pgMessage(error)}. Nothing was restored.`,
        );
      }

      const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
      const loaded = new Set<string>();
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        const line = next.value;
        if (line.startsWith(signaturePrefix)) break; // checked by verifyBackup, and the last line
        const match = /^@table (\S+) (\[.*\])$/.exec(line);
        if (!match) throw new BackupError(`${file} is damaged near "${line.slice(0, 40)}". Use another backup.`);
        const name = match[1] ?? '';
        const columns = parseColumns(match[2] ?? '', name, file);
        const rowsExpected = expected.get(name);
        if (rowsExpected === undefined || loaded.has(name))
          throw new BackupError(
            `${file} is damaged: table ${name} is not listed in its header, or appears twice. Use another backup.`,
          );
        const rows = await copyTableIn(client, name, columns, lines, file);
        if (rows !== rowsExpected)
          throw new BackupError(
            `${file} is damaged: table ${name} has ${rows} rows, its header says ${rowsExpected}. Use another backup.`,
          );
        loaded.add(name);
        onProgress?.(name, rows);
      }
      const missing = header.tables.filter((t) => !loaded.has(t.name)).map((t) => t.name);
      if (missing.length > 0)
        throw new BackupError(
          `${file} is incomplete: it ends before table ${missing[0]}. Use another backup; nothing was restored.`,
        );

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
  const existing = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  if (existing.rows.length === 0) return;
  const names = existing.rows.map((r) => r.name);
  throw new BackupError(
    `The target database is not empty (it has ${names.length} table${names.length === 1 ? '' : 's'}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); nothing was restored. Restore into a new, empty database (embedded: a new HAVEN_DATA_DIR; server: a newly created database).`,
  );
}

/**
 * Reads a backup from end to end without a database: the gzip checksum, the header, every table
 * with the row count its header records, and the signature over all of it. Returns the header, or
 * throws a BackupError saying what is wrong with the file.
 */
export async function verifyBackup(file: string, options: RestoreOptions = {}): Promise<BackupHeader> {
  const lines = await openBackup(file);
  const mac = createHmac('sha256', derivedKey('backup-signing'));
  let signature: string | undefined;
  let afterSignature = false;
  let damage: BackupError | undefined;
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value, file);
    mac.update(`${first.value ?? ''}\n`);
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
    const damaged = (message: string) => {
      damage ??= new BackupError(message);
    };
    for await (const line of lines) {
      if (signature !== undefined) {
        afterSignature = true;
        continue;
      }
      if (table === undefined && line.startsWith(signaturePrefix)) {
        signature = line.slice(signaturePrefix.length);
        continue;
      }
      mac.update(`${line}\n`);
      if (damage) continue;
      if (table === undefined) {
        const match = /^@table (\S+) (\[.*\])$/.exec(line);
        if (!match) {
          damaged(`${file} is damaged near "${line.slice(0, 40)}". Use another backup.`);
          continue;
        }
        table = match[1] ?? '';
        try {
          parseColumns(match[2] ?? '', table, file);
        } catch (error) {
          damaged((error as Error).message);
        }
        if (!expected.has(table) || seen.has(table))
          damaged(
            `${file} is damaged: table ${table} is not listed in its header, or appears twice. Use another backup.`,
          );
        rows = 0;
      } else if (line === '\\.') {
        if (rows !== expected.get(table))
          damaged(
            `${file} is damaged: table ${table} has ${rows} rows, its header says ${expected.get(table)}. Use another backup.`,
          );
        seen.add(table);
        table = undefined;
      } else {
        rows += 1;
      }
    }
    // A file whose structure is broken is named as damaged; one whose structure holds but whose bytes were changed, by its signature.
    if (damage) throw damage;
    if (table !== undefined)
      throw new BackupError(
        `${file} is incomplete: it ends inside table ${table}. Use another backup; nothing was restored.`,
      );
    const missing = header.tables.find((t) => !seen.has(t.name));
    if (missing)
      throw new BackupError(
        `${file} is incomplete: it ends before table ${missing.name}. Use another backup; nothing was restored.`,
      );
    checkSignature(file, header, signature, afterSignature, mac.digest(), options);
    return header;
  } finally {
    await lines.return(undefined);
  }
}

function checkSignature(
  file: string,
  header: BackupHeader,
  signature: string | undefined,
  afterSignature: boolean,
  computed: Buffer,
  options: RestoreOptions,
) {
  if (header.format !== backupFormat) {
    if (signature !== undefined)
      throw new BackupError(
        `${file} is damaged: a backup of format ${header.format} carries no signature, yet this one has a signature line. Nothing was restored.`,
      );
    if (options.allowUnsigned) return;
    throw new BackupError(
      `${file} is not signed: it was written by an older Haven (format ${header.format}), so an edit to it cannot be ruled out. If you trust this file, restore it with --allow-unsigned. Nothing was restored.`,
    );
  }
  if (signature === undefined)
    throw new BackupError(
      `${file} has no signature: it was cut off or its last line was removed. Use another backup; nothing was restored.`,
    );
  if (afterSignature)
    throw new BackupError(`${file} was edited: it has lines after its signature. Nothing was restored.`);
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== computed.length || !timingSafeEqual(given, computed)) {
    throw new BackupError(
      `${file} does not match its signature: it was changed after \`haven backup\` wrote it, or it was written by an installation with another key (HAVEN_SECRET_KEY or the data folder's installation.key must be the one of the Haven that made it). Nothing was restored.`,
    );
  }
}

async function copyTableIn(
  client: pg.PoolClient,
  name: string,
  columns: string[],
  lines: AsyncGenerator<string>,
  file: string,
): Promise<number> {
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
          damaged = new BackupError(
            `${file} is incomplete: it ends inside table ${name}. Use another backup; nothing was restored.`,
          );
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
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => knownMigrations },
    disableTransactions: true,
  });
  const result = await migrator.migrateTo(version);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? version;
    throw new BackupError(
      `Preparing the schema for the restore failed at migration ${failed}: ${pgMessage(result.error)}. Nothing was restored.`,
    );
  }
}

/** Lines of a gzip file, each without its `\n`; read or decompression errors become BackupErrors. */
