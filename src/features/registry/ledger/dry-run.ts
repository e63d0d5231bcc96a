import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { unitOfWork } from '../../../platform/db/unit-of-work.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { translate } from '../../../platform/i18n/translate.js';
import { type DryRunReport, type ImportCounts, ignoredColumns } from '../../../contract/registry/ledger.js';
import type { ClassifiedRow } from './pipeline.js';
import { batchesOf, countRow, emptyCounts, problemsOf } from './run.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import { type ImportRow, findImportFor } from './store.js';
import './messages.js';

/**
 * The report of an import's rows as they are classified: counts, and every problem with its sheet
 * row, column, stable code and a message in the caller's language. Only rows with a problem are
 * kept, so a long ledger of good rows costs no memory.
 */
export function reportCollector(
  row: ImportRow,
  locale: Locale,
): { add(batch: readonly ClassifiedRow[]): void; counts: ImportCounts; report(): DryRunReport } {
  const counts = emptyCounts();
  const problems: DryRunReport['problems'] = [];
  return {
    counts,
    add(batch) {
      for (const item of batch) {
        countRow(counts, item);
        for (const problem of problemsOf(row, item))
          problems.push({ ...problem, message: translate(locale, problem.code, problem.params) });
      }
    },
    report: () => ({
      importId: row.id,
      sheet: row.sheet ?? '',
      headerRow: row.header_row ?? 1,
      counts,
      problems,
      notices: row.notices.map((n) => ({ ...n, message: translate(locale, n.code, n.params) })),
      ignoredColumns: ignoredColumns(row.columns, row.mapping),
    }),
  };
}

/** Checks every row without writing a child, and reports what an import would do with each. */
export async function dryRunImport(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  limits: SpreadsheetLimits,
  locale: Locale = actor.locale,
): Promise<DryRunReport> {
  const row = await findImportFor(db, actor, id);
  const collector = reportCollector(row, locale);
  for await (const batch of await batchesOf(db, row, limits)) collector.add(batch);
  const { counts } = collector;
  await unitOfWork(db, actor, 'ledger.dry_run', async ({ trx, audit }) => {
    if (row.status === 'uploaded' || row.status === 'checked') {
      await trx
        .updateTable('ledger_imports')
        .set({ status: 'checked', counts: JSON.stringify(counts), updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    }
    audit({ entityType: 'ledger_import', entityId: id, details: { counts } });
  });
  return collector.report();
}
