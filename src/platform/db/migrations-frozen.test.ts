import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../../test/support/database.js';
import { type Db, openPool } from './connect.js';
import { migrateTo } from './migrate.js';
import { schemaListing } from './schema-fingerprint.test-helper.js';

/*
 * Migrations are frozen history (issue 13): 0001–0023 must leave exactly what they left when
 * 0002, 0003 and 0013 stopped running the features' code and got their own SQL and data. The
 * listing (frozen-schema-0023.txt) was taken from a fresh migrate before that change and again
 * after it: the two were the same, line for line. Taken on PostgreSQL 18 (the embedded one); another
 * major version prints definitions differently, so there the comparison is skipped.
 */
let empty: { url: string; drop(): Promise<void> };
let database: Db;
beforeAll(async () => {
  empty = await createEmptyDatabase();
  database = await openPool(empty.url, undefined, 2);
});
afterAll(async () => {
  await database.close();
  await empty.drop();
});

describe('the frozen migrations', () => {
  it('leave the same tables, columns, keys, indexes, functions, triggers and rows as ever', async () => {
    const version = await sql<{
      major: number;
    }>`SELECT current_setting('server_version_num')::int / 10000 AS major`.execute(database.db);
    if (version.rows[0]?.major !== 18) return;
    await migrateTo(database.db, '0023_duplicate_merge_requests');
    const listing = await schemaListing(database.db);
    const frozen = await readFile(new URL('./frozen-schema-0023.txt', import.meta.url), 'utf8');
    // Line by line, so a difference shows as a readable diff.
    expect(listing.join('\n').split('\n')).toEqual(frozen.trimEnd().split('\n'));
  });
});
