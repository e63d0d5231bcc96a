import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/* COPY … FROM STDIN in PostgreSQL's text format, one connection per table, with backpressure. */

function escapeText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'object') return escapeText(JSON.stringify(value));
  return escapeText(String(value));
}

export interface CopyTarget {
  table: string;
  rows: number;
  write(rows: readonly object[]): Promise<void>;
  end(): Promise<void>;
}

export async function openCopy(pool: pg.Pool, table: string, columns: readonly string[]): Promise<CopyTarget> {
  const client = await pool.connect();
  // The generator makes consistent rows: foreign keys and triggers are not checked row by row.
  await client.query(`SET session_replication_role = replica; SET synchronous_commit = off`);
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let failure: unknown;
  stream.on('error', (error: unknown) => {
    failure = error;
  });
  const target: CopyTarget = {
    table,
    rows: 0,
    async write(rows) {
      if (failure) throw failure;
      if (rows.length === 0) return;
      const lines: string[] = [];
      for (const row of rows) {
        const record = row as Record<string, unknown>;
        lines.push(columns.map((column) => copyValue(record[column])).join('\t'));
      }
      target.rows += rows.length;
      if (!stream.write(`${lines.join('\n')}\n`))
        await new Promise<void>((resolve, reject) => {
          stream.once('drain', resolve);
          stream.once('error', reject);
        });
    },
    async end() {
      stream.end();
      try {
        await done;
      } finally {
        await client.query(`SET session_replication_role = origin`).catch(() => undefined);
        client.release();
      }
    },
  };
  return target;
}

/** Secondary indexes of the tables, dropped for the load and built again after (one sort each instead of a million inserts). */
export async function dropSecondaryIndexes(
  pool: pg.Pool,
  tables: readonly string[],
): Promise<{ name: string; definition: string }[]> {
  const { rows } = await pool.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
     FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const index of rows) await pool.query(`DROP INDEX ${index.name}`);
  return rows;
}

export async function rebuildIndexes(
  pool: pg.Pool,
  indexes: readonly { name: string; definition: string }[],
  log: (line: string) => void,
): Promise<void> {
  // Two at a time: the machine has two cores, and each build is single-threaded for GIN.
  const queue = [...indexes];
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query(`SET maintenance_work_mem = '256MB'`);
      for (let index = queue.shift(); index; index = queue.shift()) {
        const started = performance.now();
        await client.query(index.definition);
        log(`  index ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all([worker(), worker()]);
}
