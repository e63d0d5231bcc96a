import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { notFound } from '../../../platform/errors.js';
import { subtreePrefix } from '../../../core/places.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { translate } from '../../../platform/i18n/translate.js';
import { type ImportBatchView, ignoredColumns } from '../../../contract/registry/ledger.js';
import type { PlaceRow } from './places.js';
import type { LedgerImportsTable } from './tables.js';

export type ImportRow = Selectable<LedgerImportsTable>;

/** An import is its organisation's: others (and missing ids) get the same 404. */
export async function findImportFor(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  id: string,
): Promise<ImportRow> {
  let query = db.selectFrom('ledger_imports').selectAll().where('id', '=', id);
  if (actor.kind !== 'system')
    query = query.where('organisation_id', '=', actor.organisationId ?? '00000000-0000-0000-0000-000000000000');
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('ledger_import', id);
  return row;
}

export async function loadFile(db: Kysely<Database>, storedFileId: string): Promise<Buffer> {
  const row = await db
    .selectFrom('stored_files')
    .select('content')
    .where('id', '=', storedFileId)
    .executeTakeFirstOrThrow();
  return row.content;
}

export async function organisationDivision(
  db: Kysely<Database>,
  organisationId: string,
): Promise<{ code: string; name: string }> {
  const row = await db
    .selectFrom('organisations')
    .select(['division_code', 'name'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!row) throw notFound('organisation', organisationId);
  return { code: row.division_code, name: row.name };
}

/** Current townships and villages (and the codes above them) of the organisation's subtree. */
export async function placesUnder(db: Kysely<Database>, divisionCode: string): Promise<PlaceRow[]> {
  return db
    .selectFrom('divisions')
    .select(['code', 'name', 'short_name', 'level'])
    .where('code', 'like', `${subtreePrefix(divisionCode)}%`)
    .where('valid_to', 'is', null)
    .execute();
}

export function presentImport(row: ImportRow, locale: Locale): ImportBatchView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    fileName: row.file_name,
    format: row.format,
    encoding: row.encoding,
    status: row.status,
    sheets: row.sheets,
    sheet: row.sheet,
    headerRow: row.header_row,
    columns: row.columns,
    mapping: row.mapping,
    ignoredColumns: ignoredColumns(row.columns, row.mapping),
    notices: row.notices.map((n) => ({ ...n, message: translate(locale, n.code, n.params) })),
    counts: row.counts ?? null,
    progress: { rowsDone: row.rows_done, rowsTotal: row.rows_total, createdChildren: row.created_children },
    lastError: row.last_error,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    committedAt: row.committed_at ? row.committed_at.toISOString() : null,
  };
}

export async function setImportState(
  db: Kysely<Database> | Transaction<Database>,
  id: string,
  values: {
    status?: ImportRow['status'];
    counts?: string;
    last_error?: string | null;
    rows_done?: number;
    created_children?: number;
    committed_at?: Date;
  },
): Promise<void> {
  await db
    .updateTable('ledger_imports')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}
