import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { citusPlan, mustChange, type Placement } from './scale/citus-plan.js';

/*
 * docs/scale.md's Citus plan against the migrated schema, on plain PostgreSQL: Citus's rules for a
 * distributed table (its primary key, unique and exclusion constraints include the distribution
 * column; a foreign key to another distributed table joins co-located tables on that column; none
 * to a local table), for a reference table (no foreign key to a distributed or local table) and a
 * local one (none to a distributed table). What breaks them is listed in `mustChange`, exactly.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

interface KeyRow {
  table: string;
  name: string;
  kind: 'primary' | 'unique' | 'exclusion';
  columns: string[];
}
interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  target: string;
  targetColumns: string[];
}

async function schema() {
  const tables = await sql<{ table: string; columns: string[] }>`
    SELECT c.relname AS table,
      array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum > 0 AND NOT a.attisdropped) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    GROUP BY c.relname`.execute(database.db);
  // Unique indexes whether or not a constraint made them; an expression's columns are those it names.
  const keys = await sql<KeyRow>`
    SELECT t.relname AS table, i.relname AS name,
      CASE WHEN x.indisprimary THEN 'primary' WHEN x.indisunique THEN 'unique' ELSE 'exclusion' END AS kind,
      ARRAY(SELECT DISTINCT a.attname::text FROM pg_attribute a
            WHERE a.attrelid = t.oid AND a.attnum > 0
              AND (a.attnum = ANY(x.indkey::int2[])
                   OR pg_get_expr(x.indexprs, t.oid) ~ ('\\m' || a.attname || '\\M'))) AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public'
      AND (x.indisunique OR EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'x'))`.execute(
    database.db,
  );
  const foreignKeys = await sql<ForeignKeyRow>`
    SELECT t.relname AS table, k.conname AS name, r.relname AS target,
      ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
      ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS "targetColumns"
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND k.contype = 'f'`.execute(database.db);
  return { tables: tables.rows, keys: keys.rows, foreignKeys: foreignKeys.rows };
}

const describePlacement = (placement: Placement | undefined) =>
  placement === undefined
    ? 'unplaced'
    : typeof placement === 'string'
      ? placement
      : `distributed by ${placement.distributedBy}`;

/** What stops each table from being placed as the plan says, by table. */
function violations(found: Awaited<ReturnType<typeof schema>>): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const add = (table: string, problem: string) => problems.set(table, [...(problems.get(table) ?? []), problem]);
  const columnsOf = new Map(found.tables.map((t) => [t.table, t.columns]));
  for (const [table, placement] of Object.entries(citusPlan)) {
    if (typeof placement === 'string') continue;
    const column = placement.distributedBy;
    if (!columnsOf.get(table)?.includes(column)) add(table, `has no column ${column}`);
    const keys = found.keys.filter((key) => key.table === table);
    if (!keys.some((key) => key.kind === 'primary')) add(table, 'has no primary key');
    for (const key of keys)
      if (!key.columns.includes(column))
        add(table, `${key.kind} ${key.name} (${key.columns.join(', ')}) lacks ${column}`);
  }
  for (const fk of found.foreignKeys) {
    const from = citusPlan[fk.table];
    const to = citusPlan[fk.target];
    const edge = `foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.target} (${describePlacement(to)})`;
    if (from === undefined || to === undefined) continue;
    if (typeof from !== 'string') {
      if (to === 'local') add(fk.table, edge);
      else if (typeof to !== 'string') {
        const at = fk.columns.indexOf(from.distributedBy);
        const sameGroup = to.distributedBy === from.distributedBy;
        if (!sameGroup || at < 0 || fk.targetColumns[at] !== to.distributedBy) add(fk.table, edge);
      }
    } else if (from === 'reference' && to !== 'reference') add(fk.table, edge);
    else if (from === 'local' && typeof to !== 'string') add(fk.table, edge);
  }
  return problems;
}

describe('the Citus plan of docs/scale.md', () => {
  it('places every table of the schema, and only tables that exist', async () => {
    const { tables } = await schema();
    const names = tables.map((t) => t.table).sort();
    expect(
      names.filter((name) => !(name in citusPlan)),
      'tables without a placement: add them to test/scale/citus-plan.ts and docs/scale.md',
    ).toEqual([]);
    expect(Object.keys(citusPlan).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('lists exactly the tables that must change before distribution', async () => {
    const problems = violations(await schema());
    const report = [...problems].map(([table, list]) => `${table}: ${list.join('; ')}`).join('\n');
    expect(
      [...problems.keys()].filter((table) => !(table in mustChange)),
      `tables that break the plan without being listed in mustChange:\n${report}`,
    ).toEqual([]);
    expect(
      Object.keys(mustChange).filter((table) => !problems.has(table)),
      'tables that now fit the plan: remove them from mustChange (and from docs/scale.md)',
    ).toEqual([]);
  });

  it('has reference and local tables that Citus accepts as they are, and the tables keyed by their own column ready', async () => {
    const problems = violations(await schema());
    const ready = Object.entries(citusPlan)
      .filter(([table, placement]) => typeof placement === 'string' || !(table in mustChange))
      .map(([table]) => table);
    expect(ready.filter((table) => problems.has(table))).toEqual([]);
    expect(ready).toEqual(
      expect.arrayContaining(['sessions', 'recovery_codes', 'users', 'organisations', 'divisions']),
    );
  });

  it('finds what it is meant to find (the checker itself)', () => {
    const fake = {
      tables: [
        { table: 'children', columns: ['province_code', 'id'] },
        { table: 'family_members', columns: ['province_code', 'id', 'child_id'] },
        { table: 'organisations', columns: ['id'] },
        { table: 'sessions', columns: ['token_hash'] },
      ],
      keys: [
        { table: 'children', name: 'children_pkey', kind: 'primary', columns: ['province_code', 'id'] },
        { table: 'children', name: 'children_haven_code_key', kind: 'unique', columns: ['haven_code'] },
        { table: 'family_members', name: 'family_members_pkey', kind: 'primary', columns: ['province_code', 'id'] },
        { table: 'sessions', name: 'sessions_pkey', kind: 'primary', columns: ['token_hash'] },
      ],
      foreignKeys: [
        // Without the distribution column: not co-located.
        {
          table: 'family_members',
          name: 'fm_child',
          columns: ['child_id'],
          target: 'children',
          targetColumns: ['id'],
        },
        // To a table sharded by another column.
        {
          table: 'children',
          name: 'c_session',
          columns: ['province_code'],
          target: 'sessions',
          targetColumns: ['token_hash'],
        },
        // A reference table pointing into a distributed one.
        {
          table: 'organisations',
          name: 'o_child',
          columns: ['id'],
          target: 'children',
          targetColumns: ['id'],
        },
      ],
    } satisfies Awaited<ReturnType<typeof schema>>;
    const found = violations(fake);
    expect(found.get('children')).toEqual([
      'unique children_haven_code_key (haven_code) lacks province_code',
      'foreign key c_session (province_code) → sessions (distributed by token_hash)',
    ]);
    expect(found.get('family_members')).toEqual([
      'foreign key fm_child (child_id) → children (distributed by province_code)',
    ]);
    expect(found.get('organisations')).toEqual(['foreign key o_child (id) → children (distributed by province_code)']);
    expect(found.has('sessions')).toBe(false);
  });
});
