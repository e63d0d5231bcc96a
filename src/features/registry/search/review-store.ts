import { type ExpressionBuilder, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { childWhollyVisibleTo } from '../../../core/scope/need-to-know.js';
import type { Database } from '../../../platform/db/schema.js';
import { subtreePrefix } from '../../../core/places.js';
import type { DuplicateCandidatesTable } from '../tables.js';
import type { PairListQuery } from '../../../contract/registry/search.js';
import type { SearchRow } from './store.js';
import { systemScope } from '../../../core/scope/system-scope.js';

type Db = Kysely<Database> | Transaction<Database>;
export type PairRow = Selectable<DuplicateCandidatesTable>;
type PairColumn = 'duplicate_candidates.child_a' | 'duplicate_candidates.child_b';

function childVisible(actor: Actor, column: PairColumn, liveOnly: boolean) {
  return (eb: ExpressionBuilder<Database, 'duplicate_candidates'>) => {
    let child = eb
      .selectFrom('children')
      .select(sql`1`.as('one'))
      .whereRef('children.id', '=', column)
      .where(childInScope(actor))
      // Need-to-know: a file seen only through a referral (some parts) is not the reader's to merge.
      .where(childWhollyVisibleTo(actor));
    if (liveOnly) child = child.where('children.status', '<>', 'merged');
    return eb.exists(child);
  };
}

/**
 * Pairs are reviewed by whoever sees both files wholly (a referral's receiver is no registrar): a merge changes both, so a county officer never
 * merges another county's child. A pair across two counties is reviewed at their common city (or
 * province); each county is told how many such pairs wait above it (`elsewhere`). Open pairs whose
 * file was merged through another pair are hidden until that merge is undone.
 */
export async function listPairs(
  db: Db,
  actor: Actor,
  query: PairListQuery,
): Promise<{ rows: PairRow[]; total: number; elsewhere: number }> {
  const live = query.state === 'open';
  let base = db
    .selectFrom('duplicate_candidates')
    .where('duplicate_candidates.state', '=', query.state)
    .where(childVisible(actor, 'duplicate_candidates.child_a', live))
    .where(childVisible(actor, 'duplicate_candidates.child_b', live));
  if (query.within) {
    const prefix = `${subtreePrefix(query.within)}%`;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('children')
          .select(sql`1`.as('one'))
          .where((inner) =>
            inner.or([
              inner('children.id', '=', inner.ref('duplicate_candidates.child_a')),
              inner('children.id', '=', inner.ref('duplicate_candidates.child_b')),
            ]),
          )
          .where('children.residence_code', 'like', prefix),
      ),
    );
  }
  // A merge request (from a registrar who could not see the other file) comes first.
  const ordered = live
    ? base
        .orderBy(sql`duplicate_candidates.merge_requested_at IS NULL`)
        .orderBy('duplicate_candidates.score', 'desc')
        .orderBy('duplicate_candidates.created_at')
    : base.orderBy('duplicate_candidates.decided_at', 'desc');
  const [rows, total, elsewhere] = await Promise.all([
    ordered
      .selectAll('duplicate_candidates')
      .orderBy('duplicate_candidates.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('duplicate_candidates')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('duplicate_candidates.state', '=', 'open')
      .where((eb) =>
        eb.or([
          eb.and([
            childVisible(actor, 'duplicate_candidates.child_a', true)(eb),
            eb.not(childVisible(actor, 'duplicate_candidates.child_b', false)(eb)),
          ]),
          eb.and([
            childVisible(actor, 'duplicate_candidates.child_b', true)(eb),
            eb.not(childVisible(actor, 'duplicate_candidates.child_a', false)(eb)),
          ]),
        ]),
      )
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n, elsewhere: elsewhere.n };
}

/** One pair, only when the actor sees both files (otherwise undefined → 404, like a missing pair). */
export async function pairInScope(db: Db, actor: Actor, id: string): Promise<PairRow | undefined> {
  return db
    .selectFrom('duplicate_candidates')
    .selectAll()
    .where('id', '=', id)
    .where(childVisible(actor, 'duplicate_candidates.child_a', false))
    .where(childVisible(actor, 'duplicate_candidates.child_b', false))
    .executeTakeFirst();
}

export async function childRowsByIds(db: Db, ids: readonly string[]): Promise<Map<string, SearchRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('children')
    .where(systemScope('children of candidate pairs read through childVisible'))
    .select([
      'id',
      'haven_code',
      'name',
      'sex',
      'birth_date',
      'id_number',
      'residence_code',
      'risk_grade',
      'status',
      'version',
      sql<null>`NULL`.as('matched'),
    ])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** The standing (not undone) merge of each decided pair. */
export async function standingMerges(db: Db, candidateIds: readonly string[]): Promise<Map<string, string>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('child_merges')
    .select(['id', 'candidate_id'])
    .where('candidate_id', 'in', [...candidateIds])
    .where('undone_at', 'is', null)
    .execute();
  return new Map(rows.flatMap((row) => (row.candidate_id ? [[row.candidate_id, row.id] as const] : [])));
}

/** Display names of users (who asked for a review). */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
