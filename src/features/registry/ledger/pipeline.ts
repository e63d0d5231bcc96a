import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import { headerScore, mapHeaderRow } from './columns.js';
import type { LedgerFormat } from './detect.js';
import { checkAgainstRegistry } from './duplicates.js';
import type { LedgerField, LedgerMapping } from '../../../contract/registry/ledger.js';
import { childSearchKeys } from '../search-keys.js';
import type { PlaceIndex } from './places.js';
import { readLedgerRows } from './read-rows.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { type ChildDraft, type DraftProblem, checkRow, isBlankRow, type LedgerRow } from './validate.js';
import { type CellValue, cellText } from './values.js';

export interface ClassifiedRow {
  row: number;
  cells: CellValue[];
  draft: ChildDraft | null;
  problems: DraftProblem[];
  /** Its ID number is already registered: skipped, not an error. */
  registered: boolean;
}

export interface PipelineInput {
  db: Kysely<Database>;
  file: Buffer;
  format: LedgerFormat;
  csvSheetName: string;
  limits: SpreadsheetLimits;
  sheet: string;
  headerRow: number;
  mapping: LedgerMapping;
  places: PlaceIndex;
  today: string;
  maxAgeYears: number;
  batchSize: number;
  /** Rows at or above this sheet row are already committed (resume). */
  skipThroughRow?: number;
  /** Compute each good row's search keys while reading (a commit writes them). */
  searchKeys?: boolean;
}

/** Columns whose merged cells span several children: an empty cell repeats the value above. */
const filledDown: readonly LedgerField[] = ['village', 'township'];

/**
 * The ledger's data rows, checked, in batches: each batch is checked against the registry with
 * two set-based queries, so a 100k-row ledger costs 200 queries, not 100k. The next batch is read
 * and validated while the caller works on this one (its queries run in PostgreSQL, the reading in
 * Node: two cores busy, not one at a time); its registry check waits until the caller asks for it,
 * so it sees what the caller committed from the batches before.
 */
export async function* classifiedBatches(input: PipelineInput): AsyncGenerator<ClassifiedRow[]> {
  for await (const batch of readAhead(validatedBatches(input))) {
    await refuseUnknownHukouCodes(input.db, batch);
    await checkBatchAgainstRegistry(input.db, batch);
    yield batch;
  }
}

/**
 * Marks the batch's rows whose ID number is registered (skipped) and refuses those that likely are
 * a registered child (same name and birth date). Run again after a concurrent batch commits, it
 * sees that batch's children too: a row already marked stays as it is.
 */
export async function checkBatchAgainstRegistry(db: Kysely<Database>, batch: ClassifiedRow[]): Promise<void> {
  const drafts = batch.flatMap((b) => (b.draft && !b.registered ? [b.draft] : []));
  const { registered, likely } = await checkAgainstRegistry(db, drafts);
  for (const item of batch) {
    if (registered.has(item.row)) item.registered = true;
    const code = likely.get(item.row);
    if (code) {
      item.problems.push({
        field: 'name',
        code: 'ledger.likely_duplicate',
        severity: 'error',
        params: { name: item.draft!.name, birthDate: item.draft!.birthDate ?? '', havenCode: code },
      });
      item.draft = null;
    }
  }
}

/**
 * A hukou code outside the organisation's own divisions is looked up in the whole division table,
 * once per batch: a code that is no current division is the row's error, not a silent null.
 */
async function refuseUnknownHukouCodes(db: Kysely<Database>, batch: ClassifiedRow[]): Promise<void> {
  const codes = [
    ...new Set(
      batch.flatMap((item) => (item.draft?.hukouToVerify && item.draft.hukouCode ? [item.draft.hukouCode] : [])),
    ),
  ];
  if (codes.length === 0) return;
  const found = await db
    .selectFrom('divisions')
    .select('code')
    .where('code', 'in', codes)
    .where('valid_to', 'is', null)
    .execute();
  const known = new Set(found.map((row) => row.code));
  for (const item of batch) {
    const draft = item.draft;
    if (!draft?.hukouToVerify || !draft.hukouCode || known.has(draft.hukouCode)) continue;
    item.problems.push({
      field: draft.hukouToVerify.field,
      code: 'ledger.division_code_unknown',
      severity: 'error',
      params: { value: draft.hukouCode },
    });
    item.draft = null;
  }
}

/** Yields what `source` yields, asking it for the next item as soon as the caller has this one. */
export async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  const ask = () => {
    const promise = source.next();
    // Handled when awaited below; without this a failure while the caller is busy would count as unhandled.
    promise.catch(() => undefined);
    return promise;
  };
  let next = ask();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = ask();
      yield result.value;
    }
  } finally {
    // The caller stopped early (an error, a break): let the pending read end quietly, then close.
    await next.catch(() => undefined);
    await source.return(undefined);
  }
}

/** The data rows, validated (no database), in batches of the rule set's size. */
async function* validatedBatches(input: PipelineInput): AsyncGenerator<ClassifiedRow[]> {
  const fields = Object.entries(input.mapping) as [LedgerField, number][];
  const seenIds = new Map<string, number>();
  const carried: Partial<Record<LedgerField, CellValue>> = {};
  const context = {
    today: input.today,
    maxAgeYears: input.maxAgeYears,
    residence: (r: LedgerRow) => input.places.residence(r),
    hukou: (r: LedgerRow) => input.places.hukou(r),
  };
  let batch: ClassifiedRow[] = [];

  for await (const { sheet, row, cells } of readLedgerRows(
    input.file,
    input.format,
    input.csvSheetName,
    input.limits,
  )) {
    if (sheet !== input.sheet || row <= input.headerRow) continue;
    const values: LedgerRow = {};
    for (const [field, column] of fields) values[field] = cells[column - 1] ?? null;
    if (isBlankRow(values)) continue;
    // A header repeated on every printed page is not a child.
    if (headerScore(mapHeaderRow(cells.map(cellText))) > 0) continue;
    for (const field of filledDown) {
      if (values[field] === undefined) continue;
      if (cellText(values[field] ?? null) === '') values[field] = carried[field] ?? null;
      else carried[field] = values[field];
    }
    const { draft, problems } = checkRow(row, values, context);
    if (draft?.idNumber) {
      const first = seenIds.get(draft.idNumber);
      if (first !== undefined) {
        problems.push({
          field: 'idNumber',
          code: 'ledger.duplicate_in_file',
          severity: 'error',
          params: { value: draft.idNumber, firstRow: first },
        });
      } else {
        seenIds.set(draft.idNumber, row);
      }
    }
    if (input.skipThroughRow !== undefined && row <= input.skipThroughRow) continue;
    const blocked = problems.some((p) => p.severity === 'error');
    if (draft && !blocked && input.searchKeys) draft.searchKeys = childSearchKeys(draft.name);
    batch.push({ row, cells, draft: blocked ? null : draft, problems, registered: false });
    if (batch.length >= input.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
