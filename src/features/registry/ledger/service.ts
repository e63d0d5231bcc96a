import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { unitOfWork } from '../../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../../platform/db/versioned-update.js';
import { DomainError } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { analyseLedger } from './analyse.js';
import { detectLedgerFormat } from './detect.js';
import type { ImportBatchView, MappingBody } from '../../../contract/registry/ledger.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { readLedgerRows } from './read-rows.js';
import type { SheetRow } from './sheet-reader.js';
import { findImportFor, type ImportRow, loadFile, organisationDivision, presentImport } from './store.js';
import './messages.js';

export const ledgerCommitJob = 'ledger.commit';

export function csvSheetName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').slice(0, 100) || 'CSV';
}

/**
 * Stores the uploaded ledger and detects its sheet, header and columns. The same file uploaded
 * again by the same organisation returns the batch it already has (nothing is stored twice).
 */
export async function uploadLedger(
  db: Kysely<Database>,
  actor: Actor,
  input: { fileName: string; content: Buffer; organisationId: string | null },
  limits: SpreadsheetLimits,
): Promise<{ batch: ImportBatchView; created: boolean }> {
  const organisationId = input.organisationId ?? actor.organisationId;
  if (!organisationId) throw new DomainError('ledger.organisation_required', 400);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const existing = await db
    .selectFrom('ledger_imports')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
  if (existing) return { batch: presentImport(existing, actor.locale), created: false };

  await organisationDivision(db, organisationId);
  const format = detectLedgerFormat(input.content, input.fileName);
  const analysis = await analyseLedger(input.content, format, csvSheetName(input.fileName), limits);
  const { result } = await unitOfWork(db, actor, 'ledger.upload', async ({ trx, audit }) => {
    const file = await trx
      .insertInto('stored_files')
      .values({
        sha256,
        file_name: input.fileName,
        media_type:
          format.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        size_bytes: input.content.length,
        content: input.content,
        purpose: 'ledger-import',
        created_by: actor.userId,
        organisation_id: organisationId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('ledger_imports')
      .values({
        organisation_id: organisationId,
        stored_file_id: file.id,
        file_sha256: sha256,
        file_name: input.fileName,
        format: format.format,
        encoding: format.encoding,
        sheets: JSON.stringify(analysis.sheets),
        sheet: analysis.sheet,
        header_row: analysis.headerRow,
        mapping: JSON.stringify(analysis.mapping),
        columns: JSON.stringify(analysis.columns),
        notices: JSON.stringify(analysis.notices),
        rows_total: analysis.rowsTotal,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'file_sha256']).doNothing())
      .returningAll()
      .executeTakeFirst();
    audit({
      entityType: 'ledger_import',
      entityId: row?.id ?? null,
      details: {
        fileName: input.fileName,
        sha256,
        bytes: input.content.length,
        format: format.format,
        rows: analysis.rowsTotal,
      },
    });
    return row;
  });
  if (!result) {
    // A concurrent upload of the same file won the race; its batch is the answer.
    const winner = await db
      .selectFrom('ledger_imports')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('file_sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    return { batch: presentImport(winner, actor.locale), created: false };
  }
  return { batch: presentImport(result, actor.locale), created: true };
}

export async function getLedgerImport(db: Kysely<Database>, actor: Actor, id: string): Promise<ImportBatchView> {
  return presentImport(await findImportFor(db, actor, id), actor.locale);
}

export async function listLedgerImports(db: Kysely<Database>, actor: Actor): Promise<ImportBatchView[]> {
  if (!actor.organisationId) return [];
  const rows = await db
    .selectFrom('ledger_imports')
    .selectAll()
    .where('organisation_id', '=', actor.organisationId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((row) => presentImport(row, actor.locale));
}

function assertEditable(row: ImportRow): void {
  if (row.status === 'committing' || row.status === 'committed')
    throw new DomainError('ledger.already_committed', 409, { status: row.status });
}

/** The user's correction of sheet, header row and column mapping; the dry run must be run again. */
export async function updateImportMapping(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: MappingBody,
  limits: SpreadsheetLimits,
): Promise<ImportBatchView> {
  const row = await findImportFor(db, actor, id);
  assertEditable(row);
  const file = await loadFile(db, row.stored_file_id);
  const format =
    row.format === 'xlsx'
      ? ({ format: 'xlsx', encoding: null } as const)
      : ({ format: 'csv', encoding: row.encoding === 'gb18030' ? 'gb18030' : 'utf-8' } as const);
  const analysis = await analyseLedger(file, format, csvSheetName(row.file_name), limits, body);
  const { result } = await unitOfWork(db, actor, 'ledger.mapping', async ({ trx, audit }) => {
    const updated = await updateVersioned<ImportRow, Database>(trx, {
      table: 'ledger_imports',
      entity: 'ledger_import',
      id,
      expectedVersion: body.version,
      values: {
        sheet: analysis.sheet,
        header_row: analysis.headerRow,
        mapping: JSON.stringify(analysis.mapping),
        columns: JSON.stringify(analysis.columns),
        notices: '[]',
        rows_total: analysis.rowsTotal,
        status: 'uploaded',
        counts: null,
      },
    });
    audit({
      entityType: 'ledger_import',
      entityId: id,
      details: { sheet: body.sheet, headerRow: body.headerRow, mapping: body.mapping },
    });
    return updated;
  });
  return presentImport(result, actor.locale);
}

export type { Locale };

/**
 * The ledger's reader for another feature's own columns (department rolls): the format from the
 * content, then every non-empty row in the capped worker. One reader, not a second one.
 */
export async function* readSpreadsheetRows(
  content: Buffer,
  fileName: string,
  limits: SpreadsheetLimits,
): AsyncGenerator<SheetRow> {
  yield* readLedgerRows(content, detectLedgerFormat(content, fileName), csvSheetName(fileName), limits);
}
export type { SheetRow } from './sheet-reader.js';
export { spreadsheetLimitsOf, type SpreadsheetLimits } from './spreadsheet-limits.js';
export {
  type CellValue,
  cellText,
  looksTruncatedByFloat,
  readDate,
  readDisabilityGrade,
  readDivisionCode,
  readIdCell,
} from './values.js';
