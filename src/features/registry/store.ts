import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Database } from '../../platform/db/schema.js';
import { subtreePrefix } from '../../core/places.js';
import type { ChildrenTable } from './tables.js';

export type ChildRow = Selectable<ChildrenTable>;

/** One child through the actor's scope: out of scope and missing look the same (undefined → 404). */
export async function findChildInScope(db: Kysely<Database>, actor: Actor, id: string): Promise<ChildRow | undefined> {
  return db
    .selectFrom('children')
    .selectAll()
    .where('id', '=', id)
    .where(childInScope(actor, { oneChild: true }))
    .executeTakeFirst();
}

export interface ChildListFilter {
  within?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Children through the same scope predicate as single reads. */
export async function listChildrenInScope(
  db: Kysely<Database>,
  actor: Actor,
  filter: ChildListFilter,
): Promise<{ rows: ChildRow[]; total: number }> {
  let query = db.selectFrom('children').where(childInScope(actor));
  if (filter.within) query = query.where('children.residence_code', 'like', `${subtreePrefix(filter.within)}%`);
  if (filter.q) query = query.where('children.name', 'like', `%${filter.q}%`);
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('children.name')
    .orderBy('children.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows, total: total.n };
}
