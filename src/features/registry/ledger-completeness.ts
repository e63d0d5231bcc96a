import { type Kysely, sql, type Transaction } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * How many of these children (in my scope) have a complete ledger row (台账): an ID number, a
 * residence address, and a guardian on the family list with a phone — what the ledger's columns
 * need before a file can be reported upward. The yearly assessment of a director reads it.
 */
export async function ledgerCompletenessIn(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  childIds: readonly string[],
): Promise<{ complete: number; total: number }> {
  if (childIds.length === 0) return { complete: 0, total: 0 };
  const row = await db
    .selectFrom('children')
    .where(childInScope(actor))
    .where('children.id', 'in', [...childIds])
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE children.id_number IS NOT NULL AND children.address IS NOT NULL
        AND EXISTS (SELECT 1 FROM family_members m WHERE m.child_id = children.id AND m.removed_at IS NULL
          AND m.is_guardian AND m.phone IS NOT NULL))::int`.as('complete'),
    ])
    .executeTakeFirstOrThrow();
  return { complete: row.complete, total: row.total };
}
