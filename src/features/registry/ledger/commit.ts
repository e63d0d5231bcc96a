import type { Kysely } from 'kysely';
import { type Actor, systemActor } from '../../../platform/access/actor.js';
import { actorFor, loadUserAccount } from '../../../platform/auth/load-actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { unitOfWork, type UnitOfWork } from '../../../platform/db/unit-of-work.js';
import { DomainError } from '../../../platform/errors.js';
import type { JobHandler } from '../../../platform/jobs/worker.js';
import { findDuplicatesForDrafts, recordDuplicateCandidatesOfMany } from '../search/duplicates.js';
import { insertDraftBatch } from './bulk-insert.js';
import type { ImportBatchView } from '../../../contract/registry/ledger.js';
import type { ClassifiedRow } from './pipeline.js';
import { batchesOf, countRow, emptyCounts } from './run.js';
import { ledgerCommitJob } from './service.js';
import { type SpreadsheetLimits, spreadsheetLimitsOf } from './spreadsheet-limits.js';
import { loadConfig } from '../../../platform/config.js';
import { findImportFor, type ImportRow, presentImport, setImportState } from './store.js';
import type { ChildDraft } from './validate.js';

/** Queues the commit of the good rows as one job; asking again while it runs or after it ran changes nothing. */
export async function requestCommit(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  idempotencyKey?: string,
): Promise<ImportBatchView> {
  const { result } = await unitOfWork(
    db,
    actor,
    'ledger.commit',
    async ({ trx, audit, enqueue }) => {
      const row = await findImportFor(trx, actor, id);
      await trx.selectFrom('ledger_imports').select('id').where('id', '=', id).forUpdate().execute();
      if (row.status !== 'committed' && row.status !== 'committing') {
        await setImportState(trx, id, { status: 'committing', last_error: null });
        await enqueue({
          kind: ledgerCommitJob,
          payload: { importId: id, userId: actor.userId },
          dedupeKey: `ledger:${id}`,
          maxAttempts: 3,
        });
      }
      audit({ entityType: 'ledger_import', entityId: id, details: { status: row.status } });
      return presentImport({ ...row, status: row.status === 'committed' ? 'committed' : 'committing' }, actor.locale);
    },
    idempotencyKey ? { key: idempotencyKey, request: { importId: id } } : undefined,
  );
  return result;
}

export interface CommitProgress {
  rowsDone: number;
  rowsTotal: number | null;
  created: number;
}

async function insertBatch(uow: UnitOfWork, row: ImportRow, drafts: readonly ChildDraft[]): Promise<string[]> {
  const { trx, actor } = uow;
  const kept = await insertDraftBatch(trx, actor, row, drafts);
  if (kept.length === 0) return [];
  // Near matches (pinyin, birth date ± a little, shared guardian) are not refused: they go to the review queue.
  const candidates = await findDuplicatesForDrafts(
    trx,
    kept.map(({ draft, id }) => ({
      name: draft.name,
      birthDate: draft.birthDate,
      idNumber: draft.idNumber,
      residenceCode: draft.residenceCode,
      guardianNames: draft.guardian ? [draft.guardian.name] : [],
      guardianPhones: draft.guardian?.phone ? [draft.guardian.phone] : [],
      fileId: id,
    })),
  );
  await recordDuplicateCandidatesOfMany(
    trx,
    kept.map(({ id }, i) => ({ childId: id, candidates: candidates[i] ?? [] })),
  );
  return kept.map(({ id }) => id);
}

/**
 * Commits the good rows batch by batch. Each batch's children, guardians, proposed categories,
 * timeline entries, audit entry and the import's progress commit in one transaction, so a run
 * that stops (crash, kill, error) resumes after the last committed batch and repeats nothing.
 * `onClassified` sees each batch as checked just before it is written (the CLI's report).
 */
export async function runLedgerCommit(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  onBatch?: (progress: CommitProgress) => void | Promise<void>,
  options: { onClassified?: (batch: readonly ClassifiedRow[]) => void; limits?: SpreadsheetLimits } = {},
): Promise<ImportBatchView> {
  const start = await findImportFor(db, actor, id);
  if (start.status === 'committed') return presentImport(start, actor.locale);
  if (start.status !== 'committing') await setImportState(db, id, { status: 'committing', last_error: null });
  const counts = emptyCounts();
  let created = start.created_children;
  try {
    for await (const batch of await batchesOf(db, start, options.limits ?? spreadsheetLimitsOf(loadConfig()), {
      searchKeys: true,
    })) {
      for (const item of batch) countRow(counts, item);
      options.onClassified?.(batch);
      const last = batch.at(-1)!.row;
      if (last <= start.rows_done) continue;
      const pending = batch
        .filter((item: ClassifiedRow) => item.row > start.rows_done && item.draft && !item.registered)
        .map((item) => item.draft!);
      const { result } = await unitOfWork(db, actor, 'ledger.commit_batch', async (uow) => {
        const locked = await uow.trx
          .selectFrom('ledger_imports')
          .select(['rows_done', 'created_children'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (locked.rows_done >= last) return { ids: [] as string[], total: locked.created_children };
        const ids = await insertBatch(uow, start, pending);
        await uow.trx
          .updateTable('ledger_imports')
          .set({ rows_done: last, created_children: locked.created_children + ids.length, updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        uow.audit({
          entityType: 'ledger_import',
          entityId: id,
          details: { fromRow: batch[0]!.row, toRow: last, created: ids.length, childIds: ids },
        });
        return { ids, total: locked.created_children + ids.length };
      });
      created = result.total;
      await onBatch?.({ rowsDone: last, rowsTotal: start.rows_total, created });
    }
  } catch (error) {
    await setImportState(db, id, { last_error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
    throw error;
  }
  await setImportState(db, id, {
    status: 'committed',
    counts: JSON.stringify(counts),
    committed_at: new Date(),
    last_error: null,
  });
  return presentImport(await findImportFor(db, actor, id), actor.locale);
}

/** The job: acts as the user who asked for the commit (their name in the audit log). */
export const ledgerCommitHandler: JobHandler = async (payload, { db }) => {
  const importId = String(payload.importId);
  const userId = typeof payload.userId === 'string' ? payload.userId : null;
  const account = userId ? await loadUserAccount(db, userId) : undefined;
  if (userId && !account) throw new DomainError('ledger.committer_gone', 409, { userId });
  const actor = account
    ? actorFor(account, { locale: 'zh-CN', ip: null, requestId: null })
    : systemActor('ledger-import');
  await runLedgerCommit(db, actor, importId);
};
