import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { unitOfWork } from '../../../platform/db/unit-of-work.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { translate } from '../../../platform/i18n/translate.js';
import type { DryRunReport } from './model.js';
import { batchesOf, countRow, emptyCounts, problemsOf } from './run.js';
import { findImportFor } from './store.js';
import './messages.js';

/**
 * Checks every row without writing a child: counts, and every problem with its sheet row,
 * column, stable code and a message in the caller's language.
 */
export async function dryRunImport(db: Kysely<Database>, actor: Actor, id: string, locale: Locale = actor.locale): Promise<DryRunReport> {
  const row = await findImportFor(db, actor, id);
  const counts = emptyCounts();
  const problems: DryRunReport['problems'] = [];
  for await (const batch of await batchesOf(db, row)) {
    for (const item of batch) {
      countRow(counts, item);
      for (const problem of problemsOf(row, item)) problems.push({ ...problem, message: translate(locale, problem.code, problem.params) });
    }
  }
  await unitOfWork(db, actor, 'ledger.dry_run', async ({ trx, audit }) => {
    if (row.status === 'uploaded' || row.status === 'checked') {
      await trx.updateTable('ledger_imports').set({ status: 'checked', counts: JSON.stringify(counts), updated_at: new Date() }).where('id', '=', id).execute();
    }
    audit({ entityType: 'ledger_import', entityId: id, details: { counts } });
  });
  return {
    importId: id,
    sheet: row.sheet ?? '',
    headerRow: row.header_row ?? 1,
    counts,
    problems,
    notices: row.notices.map((n) => ({ ...n, message: translate(locale, n.code, n.params) })),
  };
}
