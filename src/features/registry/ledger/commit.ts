import type { Kysely } from 'kysely';
import { type Actor, systemActor } from '../../../platform/access/actor.js';
import { actorFor, loadUserAccount } from '../../../platform/auth/load-actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { unitOfWork, type UnitOfWork } from '../../../platform/db/unit-of-work.js';
import { DomainError } from '../../../platform/errors.js';
import type { JobHandler } from '../../../platform/jobs/worker.js';
import { findDuplicatesForDrafts, recordDuplicateCandidatesOfMany } from '../search/duplicates.js';
import { type InsertedDraft, insertDraftBatch, reserveFileNumbers } from './bulk-insert.js';
import type { ImportBatchView } from '../../../contract/registry/ledger.js';
import { type ClassifiedRow, checkBatchAgainstRegistry } from './pipeline.js';
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

/** Near matches (pinyin, birth date ± a little, shared guardian) are not refused: they go to the review queue. */
async function recordNearDuplicates(uow: UnitOfWork, kept: readonly InsertedDraft[]): Promise<void> {
  if (kept.length === 0) return;
  const candidates = await findDuplicatesForDrafts(
    uow.trx,
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
    uow.trx,
    kept.map(({ id }, i) => ({ childId: id, candidates: candidates[i] ?? [] })),
  );
}

/** Another run of the same import committed this batch first: this transaction rolls back. */
class CommittedElsewhere extends Error {
  constructor(readonly total: number) {
    super('ledger batch committed by another run');
  }
}

interface PendingBatch {
  firstRow: number;
  lastRow: number;
  drafts: ChildDraft[];
  fileNumbers: string[];
}

/**
 * One batch in its own transaction, beside the batch before: its rows are inserted at once, then it
 * waits for the batch before to commit, so its near-duplicate search (a statement that starts after
 * that commit) sees the earlier children, and its progress mark is written after the earlier one.
 * Commits are therefore in file order: a run killed at any moment leaves `rows_done` at the end of
 * a batch whose predecessors all committed, and a resume repeats nothing and skips nothing.
 */
async function commitBatch(
  db: Kysely<Database>,
  actor: Actor,
  start: ImportRow,
  batch: PendingBatch,
  before: Promise<unknown>,
): Promise<number> {
  try {
    const { result } = await unitOfWork(db, actor, 'ledger.commit_batch', async (uow) => {
      const kept = await insertDraftBatch(uow.trx, uow.actor, start, batch.drafts, batch.fileNumbers);
      await before;
      const locked = await uow.trx
        .selectFrom('ledger_imports')
        .select(['rows_done', 'created_children'])
        .where('id', '=', start.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (locked.rows_done >= batch.lastRow) throw new CommittedElsewhere(locked.created_children);
      await recordNearDuplicates(uow, kept);
      const ids = kept.map(({ id }) => id);
      const total = locked.created_children + ids.length;
      await uow.trx
        .updateTable('ledger_imports')
        .set({ rows_done: batch.lastRow, created_children: total, updated_at: new Date() })
        .where('id', '=', start.id)
        .execute();
      uow.audit({
        entityType: 'ledger_import',
        entityId: start.id,
        details: { fromRow: batch.firstRow, toRow: batch.lastRow, created: ids.length, childIds: ids },
      });
      return total;
    });
    return result;
  } catch (error) {
    if (error instanceof CommittedElsewhere) return error.total;
    throw error;
  }
}

/** Name and birth date: what the registry check calls likely the same child. */
const sameChildKey = (draft: ChildDraft) => `${draft.name}|${draft.birthDate ?? ''}`;

/**
 * Commits the good rows batch by batch, two transactions at a time on two connections. Each
 * batch's children, guardians, proposed categories, timeline entries, audit entry and the import's
 * progress commit in one transaction, in file order (see commitBatch), so a run that stops (crash,
 * kill, error) resumes after the last committed batch and repeats nothing.
 *
 * A batch is checked against the registry while the batch before is still uncommitted, so that
 * check cannot see it. The file's own repeats are settled here instead: an ID number seen twice is
 * refused while reading (duplicate_in_file); a row with the name and birth date of a row of the
 * batch in flight waits for that batch to commit and is checked again, so it is refused as a likely
 * duplicate of that child exactly as one batch after another would refuse it.
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
  // The batch in flight: its commit (with its progress report), and the keys of its drafts.
  let previous: Promise<unknown> = Promise.resolve();
  let inFlight = new Set<string>();
  try {
    for await (const batch of await batchesOf(db, start, options.limits ?? spreadsheetLimitsOf(loadConfig()), {
      searchKeys: true,
    })) {
      if (batch.some((item) => item.draft && !item.registered && inFlight.has(sameChildKey(item.draft)))) {
        await previous;
        await checkBatchAgainstRegistry(db, batch);
      }
      for (const item of batch) countRow(counts, item);
      options.onClassified?.(batch);
      const last = batch.at(-1)!.row;
      if (last <= start.rows_done) continue;
      const drafts = batch
        .filter((item: ClassifiedRow) => item.row > start.rows_done && item.draft && !item.registered)
        .map((item) => item.draft!);
      const pending = {
        firstRow: batch[0]!.row,
        lastRow: last,
        drafts,
        fileNumbers: await reserveFileNumbers(db, drafts.length),
      };
      const before = previous;
      const committed = commitBatch(db, actor, start, pending, before).then((total) =>
        onBatch?.({ rowsDone: last, rowsTotal: start.rows_total, created: total }),
      );
      // Awaited below or by the next batch; a failure is reported once, by the first await.
      committed.catch(() => undefined);
      previous = committed;
      inFlight = new Set(drafts.map(sameChildKey));
      // At most two batches at once: this one and the one before, which must commit first.
      await before;
    }
    await previous;
  } catch (error) {
    // The batch in flight rolls back (it waits for the one that failed); let it end before saying so.
    await previous.catch(() => undefined);
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
