import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

/**
 * Who sees a transfer of a case's lead — and so who may act on it (the engine's `visibleTo`): its
 * two parties (the receiver before it sees the child, to answer) and whoever sees the case, i.e. has
 * the child in scope. Anyone else gets 404 to a read and to an action alike; a reader who is no
 * party is refused the action by its side (403).
 */
export function transferVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'case_lead_transfers'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [
      eb(
        'case_lead_transfers.child_id',
        'in',
        eb.selectFrom('children').select('children.id').where(childInScope(actor)),
      ),
    ];
    if (actor.organisationId) {
      conditions.push(eb('case_lead_transfers.from_org_id', '=', actor.organisationId));
      conditions.push(eb('case_lead_transfers.to_org_id', '=', actor.organisationId));
    }
    return eb.or(conditions);
  };
}
