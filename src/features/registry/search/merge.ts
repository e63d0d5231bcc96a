import { type Kysely, sql, type Transaction } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { childWhollyVisibleTo } from '../../../core/scope/need-to-know.js';
import type { Database } from '../../../platform/db/schema.js';
import { unitOfWork } from '../../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/translate.js';
import { recordTimeline } from '../../../core/timeline.js';
import type { ChildStatus } from '../tables.js';
import './messages.js';
import './tables.js';
import type { MergeResult } from '../../../contract/registry/search.js';
import { decidePair, pairForDecision, presentPairs } from './review.js';
import { systemScope } from '../../../core/scope/system-scope.js';

type Trx = Transaction<Database>;

async function lockChildren(trx: Trx, ids: readonly string[]) {
  // Always in id order, so two merges touching the same file cannot deadlock; NO KEY so timeline inserts (FK) do not wait.
  return trx
    .selectFrom('children')
    .where(systemScope('the pair pairForDecision read through childVisible'))
    .select(['id', 'haven_code', 'status', 'merged_into', 'id_number'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
}

/**
 * Merges two files of the same child. Nothing is moved or deleted: the merged file points at the
 * survivor (merged_into), the file view reads both, and undo only clears the pointer.
 */
export async function mergeDuplicatePair(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: { version: number; survivorId: string; reason: string },
  idempotencyKey?: string,
): Promise<MergeResult> {
  const { result } = await unitOfWork(
    db,
    actor,
    'children.merge',
    async ({ trx, audit }) => {
      const pair = await pairForDecision(trx, actor, id, input.version);
      if (input.survivorId !== pair.child_a && input.survivorId !== pair.child_b) {
        throw new DomainError('registry.duplicates.survivor_not_in_pair', 400, { field: 'survivorId' }, [
          { path: 'body.survivorId', code: 'registry.duplicates.survivor_not_in_pair' },
        ]);
      }
      const mergedId = input.survivorId === pair.child_a ? pair.child_b : pair.child_a;
      // The pair's row first, as "not the same" takes it: concurrent decisions queue there, not deadlock.
      const decided = await decidePair(trx, actor, pair, 'merged', input.reason);
      const locked = new Map((await lockChildren(trx, [pair.child_a, pair.child_b])).map((row) => [row.id, row]));
      for (const row of locked.values())
        if (row.status === 'merged')
          throw new DomainError('registry.duplicates.file_already_merged', 409, { havenCode: row.haven_code });
      const merged = locked.get(mergedId)!;
      const survivor = locked.get(input.survivorId)!;
      // The file view reads one level of merged files, so a file that already holds others must survive.
      const holds = await trx
        .selectFrom('children')
        .where(systemScope('files held by a file of the pair read through childVisible'))
        .select('haven_code')
        .where('merged_into', '=', mergedId)
        .limit(1)
        .executeTakeFirst();
      if (holds) throw new DomainError('registry.duplicates.has_merged_files', 409, { havenCode: merged.haven_code });
      const merge = await trx
        .insertInto('child_merges')
        .values({
          survivor_id: survivor.id,
          merged_id: merged.id,
          candidate_id: pair.id,
          reason: input.reason,
          merged_by: actor.userId,
          merged_status_before: merged.status as Exclude<ChildStatus, 'merged'>,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('children')
        .where(systemScope('the merged file of the pair locked above'))
        .set({ status: 'merged', merged_into: survivor.id, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', merged.id)
        .execute();
      await recordTimeline(trx, actor, [
        {
          childId: merged.id,
          kind: 'child.merged_into',
          reason: input.reason,
          entityType: 'child_merge',
          entityId: merge.id,
          before: { status: merged.status },
          after: { status: 'merged', mergedInto: survivor.id },
          details: { survivorId: survivor.id, survivorHavenCode: survivor.haven_code },
        },
        {
          childId: survivor.id,
          kind: 'child.merged_from',
          reason: input.reason,
          entityType: 'child_merge',
          entityId: merge.id,
          details: { mergedId: merged.id, mergedHavenCode: merged.haven_code },
        },
      ]);
      for (const childId of [merged.id, survivor.id])
        audit({
          entityType: 'child_merge',
          entityId: merge.id,
          childId,
          details: { survivorId: survivor.id, mergedId: merged.id, candidateId: pair.id, reason: input.reason },
        });
      return {
        mergeId: merge.id,
        survivorId: survivor.id,
        mergedId: merged.id,
        undone: false,
        pair: (await presentPairs(trx, [decided]))[0] ?? null,
      };
    },
    idempotencyKey ? { key: idempotencyKey, request: { id, ...input } } : undefined,
  );
  return result;
}

const mergeNotFound = (actor: Actor, id: string) => notFound(translate(actor.locale, 'registry.merges.entity'), id);

/** Undoes a merge: the merged file is live again with the status it had; the pair is open again. */
export async function undoMerge(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: { reason: string },
  idempotencyKey?: string,
): Promise<MergeResult> {
  const { result } = await unitOfWork(
    db,
    actor,
    'children.merge_undo',
    async ({ trx, audit }) => {
      const merge = await trx
        .selectFrom('child_merges')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!merge) throw mergeNotFound(actor, id);
      const visible = await trx
        .selectFrom('children')
        .select('id')
        .where('id', 'in', [merge.survivor_id, merge.merged_id])
        .where(childInScope(actor))
        .where(childWhollyVisibleTo(actor))
        .execute();
      if (visible.length < 2) throw mergeNotFound(actor, id);
      if (merge.undone_at) throw new DomainError('registry.merges.already_undone', 409, {});
      const locked = new Map(
        (await lockChildren(trx, [merge.survivor_id, merge.merged_id])).map((row) => [row.id, row]),
      );
      const merged = locked.get(merge.merged_id)!;
      const survivor = locked.get(merge.survivor_id)!;
      if (merged.id_number) {
        const taken = await trx
          .selectFrom('children')
          .where(systemScope('an ID number is unique across the whole registry'))
          .select('haven_code')
          .where('id_number', '=', merged.id_number)
          .where('status', '<>', 'merged')
          .where('id', '<>', merged.id)
          .executeTakeFirst();
        if (taken) throw new DomainError('registry.merges.id_number_taken', 409, { havenCode: taken.haven_code });
      }
      const restored: ChildStatus = merge.merged_status_before ?? 'active';
      await trx
        .updateTable('child_merges')
        .set({ undone_by: actor.userId, undone_at: new Date(), undo_reason: input.reason })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('children')
        .where(systemScope('the merged file of the pair locked above'))
        .set({ status: restored, merged_into: null, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', merged.id)
        .execute();
      let pair = null;
      if (merge.candidate_id) {
        const reopened = await trx
          .updateTable('duplicate_candidates')
          .set({
            state: 'open',
            decided_by: null,
            decided_at: null,
            decision_reason: null,
            version: sql`version + 1`,
            updated_at: sql`now()`,
          })
          .where('id', '=', merge.candidate_id)
          .returningAll()
          .executeTakeFirst();
        if (reopened) pair = (await presentPairs(trx, [reopened]))[0] ?? null;
      }
      await recordTimeline(trx, actor, [
        {
          childId: merged.id,
          kind: 'child.merge_undone',
          reason: input.reason,
          entityType: 'child_merge',
          entityId: id,
          before: { status: 'merged', mergedInto: survivor.id },
          after: { status: restored },
          details: { otherChildId: survivor.id, otherHavenCode: survivor.haven_code },
        },
        {
          childId: survivor.id,
          kind: 'child.merge_undone',
          reason: input.reason,
          entityType: 'child_merge',
          entityId: id,
          details: { otherChildId: merged.id, otherHavenCode: merged.haven_code },
        },
      ]);
      for (const childId of [merged.id, survivor.id])
        audit({
          entityType: 'child_merge',
          entityId: id,
          childId,
          details: { survivorId: survivor.id, mergedId: merged.id, reason: input.reason },
        });
      return { mergeId: id, survivorId: survivor.id, mergedId: merged.id, undone: true, pair };
    },
    idempotencyKey ? { key: idempotencyKey, request: { id, ...input } } : undefined,
  );
  return result;
}
