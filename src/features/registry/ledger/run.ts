import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import { ruleSetFor } from '../../../platform/rules/store.js';
import type { LedgerFormat } from './detect.js';
import type { ImportCounts, LedgerField, RowProblem } from '../../../contract/registry/ledger.js';
import { type ClassifiedRow, classifiedBatches } from './pipeline.js';
import { PlaceIndex } from './places.js';
import { ledgerImportRules } from './rule-sections.js';
import { csvSheetName } from './service.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { type ImportRow, loadFile, organisationDivision, placesUnder } from './store.js';

/** Today in China (the ledgers' calendar), as YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function formatOf(row: ImportRow): LedgerFormat {
  return row.format === 'xlsx'
    ? { format: 'xlsx', encoding: null }
    : { format: 'csv', encoding: row.encoding === 'gb18030' ? 'gb18030' : 'utf-8' };
}

/** The checked rows of an import, in batches, with the organisation's places and rules loaded once. */
export async function batchesOf(
  db: Kysely<Database>,
  row: ImportRow,
  limits: SpreadsheetLimits,
  options: { skipThroughRow?: number; today?: string; searchKeys?: boolean } = {},
): Promise<AsyncGenerator<ClassifiedRow[]>> {
  const home = await organisationDivision(db, row.organisation_id);
  const today = options.today ?? chinaToday();
  const rules = (await ruleSetFor(db, home.code, today)).get(ledgerImportRules);
  const places = new PlaceIndex(await placesUnder(db, home.code), home.code);
  const file = await loadFile(db, row.stored_file_id);
  return classifiedBatches({
    db,
    file,
    format: formatOf(row),
    csvSheetName: csvSheetName(row.file_name),
    limits,
    sheet: row.sheet ?? '',
    headerRow: row.header_row ?? 1,
    mapping: row.mapping,
    places,
    today,
    maxAgeYears: rules.maxAgeYears,
    batchSize: rules.batchSize,
    skipThroughRow: options.skipThroughRow,
    searchKeys: options.searchKeys,
  });
}

export function emptyCounts(): ImportCounts {
  return { rows: 0, ok: 0, problems: 0, warnings: 0, alreadyRegistered: 0, duplicates: 0 };
}

export function countRow(counts: ImportCounts, item: ClassifiedRow): void {
  counts.rows += 1;
  if (item.registered) counts.alreadyRegistered += 1;
  else if (item.draft) counts.ok += 1;
  else counts.problems += 1;
  if (item.draft && item.problems.length > 0) counts.warnings += 1;
  if (item.problems.some((p) => p.code === 'ledger.duplicate_in_file' || p.code === 'ledger.likely_duplicate'))
    counts.duplicates += 1;
}

export function headerOf(row: ImportRow, field: LedgerField | null): string | null {
  if (!field) return null;
  const index = row.mapping[field];
  return row.columns.find((c) => c.index === index)?.header ?? null;
}

export function problemsOf(row: ImportRow, item: ClassifiedRow): RowProblem[] {
  return item.problems.map((p) => ({
    sheet: row.sheet ?? '',
    row: item.row,
    column: headerOf(row, p.field),
    field: p.field,
    code: p.code,
    severity: p.severity,
    params: p.params,
  }));
}
