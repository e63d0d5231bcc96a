import { sql, type Transaction, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { DivisionFileMeta } from './data-file.js';
import type { DatasetChanges, IncomingDivision } from './rules.js';
import { divisionSearchKeys } from './search-keys.js';
import './tables.js';

/* Writes of the division tree: applying a dataset, recording it, naming a successor. */

// Loads of different provinces touch different rows, but one at a time keeps the diff honest.
const loadLockId = 720_402;

export async function lockDivisionLoads(trx: Transaction<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${loadLockId})`.execute(trx);
}

export async function latestDataset(db: Kysely<Database>, province: string) {
  return db
    .selectFrom('division_datasets')
    .select(['code_year as codeYear', 'source', 'version'])
    .where('province', '=', province)
    .orderBy('code_year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function isDatasetRecorded(db: Kysely<Database>, meta: DivisionFileMeta): Promise<boolean> {
  const row = await db
    .selectFrom('division_datasets')
    .select('code_year')
    .where('province', '=', meta.province)
    .where('code_year', '=', meta.codeYear)
    .where('source', '=', meta.source)
    .where('version', '=', meta.version)
    .executeTakeFirst();
  return row !== undefined;
}

/** Rows as unnest() arguments: one array per column, the name grams joined by a unit separator. */
function columns(rows: readonly IncomingDivision[]) {
  const keys = rows.map((row) => divisionSearchKeys(row.name));
  return sql`unnest(
      ${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.level)}::text[],
      ${rows.map((r) => r.parentCode)}::text[], ${keys.map((k) => k.shortName)}::text[], ${keys.map((k) => k.pinyin)}::text[],
      ${keys.map((k) => k.initials)}::text[], ${keys.map((k) => k.grams.join('\u001f'))}::text[])
    AS t(code, name, level, parent_code, short_name, pinyin, initials, grams)`;
}

/**
 * Applies a diff as of `validFrom`. Earlier names go to division_history, unless the row started on
 * that same date: then the dataset corrects itself (a rebuilt file of the same year), no history.
 */
export async function applyDatasetChanges(
  trx: Transaction<Database>,
  changes: DatasetChanges,
  validFrom: string,
): Promise<void> {
  if (changes.added.length > 0) {
    await sql`
      INSERT INTO divisions (code, name, level, parent_code, short_name, pinyin, initials, name_grams, valid_from)
      SELECT t.code, t.name, t.level, t.parent_code, t.short_name, t.pinyin, t.initials, string_to_array(t.grams, chr(31)), ${validFrom}::date
      FROM ${columns(changes.added)}`.execute(trx);
  }
  const replaced = [...changes.changed, ...changes.reopened].map((change) => change.incoming);
  if (replaced.length > 0) {
    await sql`
      INSERT INTO division_history (code, name, parent_code, valid_from, valid_to)
      SELECT code, name, parent_code, valid_from, coalesce(valid_to, ${validFrom}::date) FROM divisions
      WHERE code = ANY(${replaced.map((r) => r.code)}::text[]) AND coalesce(valid_to, ${validFrom}::date) > valid_from`.execute(
      trx,
    );
    await sql`
      UPDATE divisions AS d SET name = t.name, level = t.level, parent_code = t.parent_code, short_name = t.short_name,
        pinyin = t.pinyin, initials = t.initials, name_grams = string_to_array(t.grams, chr(31)),
        valid_from = ${validFrom}::date, valid_to = NULL, successor_code = NULL
      FROM ${columns(replaced)} WHERE d.code = t.code`.execute(trx);
  }
  if (changes.closed.length > 0) {
    await sql`
      UPDATE divisions AS d SET valid_to = ${validFrom}::date, successor_code = t.successor
      FROM unnest(${changes.closed.map((c) => c.before.code)}::text[], ${changes.closed.map((c) => c.successorCode)}::text[]) AS t(code, successor)
      WHERE d.code = t.code`.execute(trx);
  }
}

export async function recordDataset(
  trx: Transaction<Database>,
  meta: DivisionFileMeta,
  validFrom: string,
  divisions: number,
  changes: DatasetChanges,
): Promise<void> {
  const row = {
    province: meta.province,
    code_year: meta.codeYear,
    valid_from: validFrom,
    source: meta.source,
    version: meta.version,
    licence: meta.licence,
    loaded_at: new Date(),
    divisions,
    added: changes.added.length,
    changed: changes.changed.length,
    reopened: changes.reopened.length,
    closed: changes.closed.length,
  };
  await trx
    .insertInto('division_datasets')
    .values(row)
    .onConflict((oc) => oc.columns(['province', 'code_year']).doUpdateSet(row))
    .execute();
}

export async function setSuccessor(trx: Transaction<Database>, code: string, successorCode: string): Promise<void> {
  await trx.updateTable('divisions').set({ successor_code: successorCode }).where('code', '=', code).execute();
}

/** Locks one division row for a change that depends on its state. */
export async function lockDivision(trx: Transaction<Database>, code: string) {
  return trx
    .selectFrom('divisions')
    .select(['code', 'valid_to as validTo', 'successor_code as successorCode'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}
