import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { unitOfWork } from '../../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../../platform/db/versioned-update.js';
import { DomainError, notFound, staleVersion } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/translate.js';
import { recordTimeline } from '../../../core/timeline.js';
import './messages.js';
import type { DuplicatePair, PairListQuery } from '../../../contract/registry/search.js';
import { presentChildren } from './present.js';
import { childRowsByIds, listPairs, type PairRow, pairInScope, standingMerges, userNames } from './review-store.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function presentPairs(db: Db, rows: readonly PairRow[]): Promise<DuplicatePair[]> {
  const children = await childRowsByIds(db, [...new Set(rows.flatMap((row) => [row.child_a, row.child_b]))]);
  const items = new Map((await presentChildren(db, [...children.values()])).map((item) => [item.id, item]));
  const merges = await standingMerges(
    db,
    rows.filter((row) => row.state === 'merged').map((row) => row.id),
  );
  const requesters = await userNames(
    db,
    rows.flatMap((row) => (row.merge_requested_by ? [row.merge_requested_by] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    score: row.score,
    reasons: row.reasons as DuplicatePair['reasons'],
    state: row.state,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionReason: row.decision_reason,
    mergeId: merges.get(row.id) ?? null,
    mergeRequest:
      row.merge_requested_by && row.merge_requested_at
        ? {
            requestedBy: requesters.get(row.merge_requested_by) ?? '—',
            requestedAt: new Date(row.merge_requested_at).toISOString(),
          }
        : null,
    a: items.get(row.child_a)!,
    b: items.get(row.child_b)!,
  }));
}

/** The review queue: pairs the actor sees both files of, best first. */
export async function listDuplicatePairs(
  db: Kysely<Database>,
  actor: Actor,
  query: PairListQuery,
): Promise<{ items: DuplicatePair[]; total: number; elsewhere: number }> {
  const { rows, total, elsewhere } = await listPairs(db, actor, query);
  return { items: await presentPairs(db, rows), total, elsewhere };
}

export const pairNotFound = (actor: Actor, id: string) =>
  notFound(translate(actor.locale, 'registry.duplicates.entity'), id);

/** Loads a pair for a decision: 404 unless both files are in scope, 409 if stale or already decided. */
export async function pairForDecision(
  trx: Transaction<Database>,
  actor: Actor,
  id: string,
  version: number,
): Promise<PairRow> {
  const pair = await pairInScope(trx, actor, id);
  if (!pair) throw pairNotFound(actor, id);
  if (pair.version !== version) throw staleVersion('duplicate_candidate', id, pair.version);
  if (pair.state !== 'open') throw new DomainError('registry.duplicates.decided', 409, { state: pair.state });
  return pair;
}

export async function decidePair(
  trx: Transaction<Database>,
  actor: Actor,
  pair: PairRow,
  state: 'not_same' | 'merged',
  reason: string,
): Promise<PairRow> {
  return updateVersioned<PairRow, Database>(trx, {
    table: 'duplicate_candidates',
    entity: 'duplicate_candidate',
    id: pair.id,
    expectedVersion: pair.version,
    values: { state, decided_by: actor.userId, decided_at: new Date(), decision_reason: reason },
  });
}

/** "Not the same child": remembered, so the pair is never proposed again (recordDuplicateCandidates keeps it). */
export async function markNotSame(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
  idempotencyKey?: string,
): Promise<DuplicatePair> {
  const { result } = await unitOfWork(
    db,
    actor,
    'duplicates.not_same',
    async ({ trx, audit }) => {
      const pair = await pairForDecision(trx, actor, id, input.version);
      const decided = await decidePair(trx, actor, pair, 'not_same', input.reason);
      const children = await childRowsByIds(trx, [pair.child_a, pair.child_b]);
      for (const [self, other] of [
        [pair.child_a, pair.child_b],
        [pair.child_b, pair.child_a],
      ] as const) {
        await recordTimeline(trx, actor, {
          childId: self,
          kind: 'duplicate.not_same',
          reason: input.reason,
          entityType: 'duplicate_candidate',
          entityId: id,
          details: { otherChildId: other, otherHavenCode: children.get(other)?.haven_code },
        });
        audit({
          entityType: 'duplicate_candidate',
          entityId: id,
          childId: self,
          details: { otherChildId: other, reason: input.reason },
        });
      }
      return (await presentPairs(trx, [decided]))[0]!;
    },
    idempotencyKey ? { key: idempotencyKey, request: { id, ...input } } : undefined,
  );
  return result;
}
