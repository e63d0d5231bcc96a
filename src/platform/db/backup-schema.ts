import type pg from 'pg';
import { quoteIdent, BackupError } from './backup-format.js';

export async function stableTextFormats(client: pg.PoolClient) {
  await client.query(
    "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 3",
  );
}

export async function appliedMigrations(client: pg.PoolClient): Promise<string[]> {
  const found = await client.query<{ found: boolean }>(
    "SELECT to_regclass('public.kysely_migration') IS NOT NULL AS found",
  );
  if (!found.rows[0]?.found) return [];
  return (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map(
    (r) => r.name,
  );
}

/** Tables in an order where every referenced table comes before the tables that refer to it. */
export async function listTables(client: pg.PoolClient): Promise<string[]> {
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
    if (/\s/.test(name))
      throw new BackupError(`Table "${name}" has white space in its name, which the backup format cannot hold.`);
  }
  return ordered.filter((name) => names.has(name));
}

export async function tableColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    "SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
    [quoteIdent(table)],
  );
  return result.rows.map((r) => r.name);
}

/** Identity and serial columns continue after the largest restored value. */
export async function resetSequences(client: pg.PoolClient) {
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
