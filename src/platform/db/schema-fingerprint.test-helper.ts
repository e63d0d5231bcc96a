import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/*
 * A listing of everything a migration leaves behind in the public schema: tables and columns
 * (types, defaults, generated expressions, collations), constraints, indexes, functions, triggers,
 * views, sequences, and a hash of each table's rows (timestamps and random ids left out: they differ
 * from one run to the next). Two databases with the same listing have the same schema and data.
 */
export async function schemaListing<DB>(database: Kysely<DB>): Promise<string[]> {
  const db = database as unknown as Kysely<unknown>;
  const lines: string[] = [];
  const columns = await sql<{ line: string }>`
    SELECT format('column %s.%s %s null=%s default=%s generated=%s collation=%s', table_name, column_name,
      CASE WHEN data_type IN ('ARRAY', 'USER-DEFINED') THEN udt_name ELSE data_type END, is_nullable,
      column_default, generation_expression, collation_name) AS line
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(db);
  const constraints = await sql<{ line: string }>`
    SELECT format('constraint %s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS line
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' ORDER BY 1`.execute(db);
  const indexes = await sql<{ line: string }>`
    SELECT format('index %s', indexdef) AS line FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`.execute(
    db,
  );
  const functions = await sql<{ line: string }>`
    SELECT format('function %s', pg_get_functiondef(p.oid)) AS line
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p') AND NOT EXISTS (
      SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    ORDER BY 1`.execute(db);
  const triggers = await sql<{ line: string }>`
    SELECT format('trigger %s', pg_get_triggerdef(t.oid)) AS line
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`.execute(db);
  const views = await sql<{ line: string }>`
    SELECT format('view %s %s', viewname, definition) AS line FROM pg_views WHERE schemaname = 'public' ORDER BY 1`.execute(
    db,
  );
  const relations = await sql<{ line: string }>`
    SELECT format('relation %s kind=%s persistence=%s options=%s', c.relname, c.relkind, c.relpersistence, c.reloptions) AS line
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm') ORDER BY 1`.execute(db);
  const extensions = await sql<{ line: string }>`
    SELECT format('extension %s', extname) AS line FROM pg_extension ORDER BY 1`.execute(db);
  for (const part of [columns, constraints, indexes, functions, triggers, views, relations, extensions])
    lines.push(...part.rows.map((row) => row.line));

  const tables = await sql<{ table_name: string; stable: string[] }>`
    SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) AS stable
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public')
      AND data_type NOT LIKE 'timestamp%' AND NOT (data_type = 'uuid' AND column_default LIKE 'gen_random_uuid%')
      AND table_name <> 'kysely_migration'
    GROUP BY table_name ORDER BY table_name`.execute(db);
  for (const { table_name, stable } of tables.rows) {
    const rows = await sql<{ row: string }>`
      SELECT ROW(${sql.join(stable.map((column) => sql.ref(column)))})::text AS row FROM ${sql.table(table_name)}`.execute(
      db,
    );
    const sorted = rows.rows.map((r) => r.row).sort();
    const hash = createHash('sha256').update(sorted.join('\n')).digest('hex');
    lines.push(`rows ${table_name} n=${sorted.length} sha256=${hash}`);
  }
  return lines;
}
