import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The head of the chain at a moment, written to a file the operator keeps, ideally copied off the
 * machine: the database cannot take back what is recorded there. `haven audit verify` then finds
 * entries deleted from the end (the checkpointed head is gone) and a chain rewritten since (the
 * head's hash differs), which the chain alone cannot show. One JSON object a line.
 */
export interface AuditCheckpoint {
  at: string;
  entries: number;
  headId: string | null;
  headHash: string;
}

export class CheckpointFileError extends Error {
  override readonly name = 'CheckpointFileError';
}

/** The head now, read in one snapshot (appenders commit in id order, under the chain lock). */
export async function auditHead(db: Kysely<Database>): Promise<AuditCheckpoint> {
  // One statement, one snapshot: the count and the head agree.
  const result = await sql<{ entries: string; head_id: string | null; head_hash: string | null }>`
    SELECT (SELECT count(*) FROM audit_log)::text AS entries, h.id::text AS head_id, h.hash AS head_hash
    FROM (SELECT 1) one LEFT JOIN (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) h ON true`.execute(db);
  const row = result.rows[0];
  return {
    at: new Date().toISOString(),
    entries: Number(row?.entries ?? 0),
    headId: row?.head_id ?? null,
    headHash: row?.head_hash ?? '0'.repeat(64),
  };
}

/**
 * Appends the head to `file` (created 0600). With `onlyIfChanged`, a head equal to the file's last
 * checkpoint is not written again (the periodic sweep). Returns the checkpoint, or undefined when skipped.
 */
export async function writeAuditCheckpoint(
  db: Kysely<Database>,
  file: string,
  options: { onlyIfChanged?: boolean } = {},
): Promise<AuditCheckpoint | undefined> {
  const head = await auditHead(db);
  if (options.onlyIfChanged) {
    const last = (await readAuditCheckpoints(file).catch(() => [])).at(-1);
    if (last && last.headId === head.headId && last.headHash === head.headHash) return undefined;
  }
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await appendFile(file, `${JSON.stringify(head)}\n`, { mode: 0o600, flush: true });
  return head;
}

/** Every checkpoint of a file ([] when it does not exist); a damaged line is named, not skipped. */
export async function readAuditCheckpoints(file: string): Promise<AuditCheckpoint[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new CheckpointFileError(`Cannot read the audit checkpoints ${file} (${error.code ?? error.message}).`);
  });
  return text
    .split('\n')
    .map((line, index) => [line.trim(), index + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, number]) => parseCheckpoint(line, `${file}:${number}`));
}

export async function checkpointFileExists(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  await handle?.close();
  return handle !== undefined;
}

function parseCheckpoint(line: string, where: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    value = undefined;
  }
  const c = value as Partial<AuditCheckpoint> | undefined;
  const valid =
    typeof c === 'object' &&
    c !== null &&
    typeof c.at === 'string' &&
    Number.isInteger(c.entries) &&
    (c.entries ?? -1) >= 0 &&
    (c.headId === null || (typeof c.headId === 'string' && /^\d+$/.test(c.headId))) &&
    typeof c.headHash === 'string' &&
    /^[0-9a-f]{64}$/.test(c.headHash);
  if (!valid)
    throw new CheckpointFileError(
      `${where} is not an audit checkpoint (expected {"at","entries","headId","headHash"}). Restore the file from its copy.`,
    );
  return c as AuditCheckpoint;
}
