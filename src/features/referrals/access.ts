import { type ExpressionBuilder, type Expression, type SqlBool, sql } from 'kysely';
import { subtreePrefix } from '../../core/places.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

/**
 * Who sees a referral: the organisation that sent it, the one it is sent to, and the government
 * bodies whose area holds the child (by place, as `childInScope`). Not an organisation that takes
 * part in the child's work on another basis: another referral's receiver learns nothing of this one.
 */
export function referralVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'referrals'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [];
    if (actor.organisationId) {
      conditions.push(eb('referrals.from_org_id', '=', actor.organisationId));
      conditions.push(eb('referrals.to_org_id', '=', actor.organisationId));
    }
    const patterns = (actor.childJurisdiction ?? actor.jurisdiction).map((code) => `${subtreePrefix(code)}%`);
    if (patterns.length > 0)
      conditions.push(
        eb.exists(
          eb
            .selectFrom('children as place')
            .select(sql`1`.as('one'))
            .whereRef('place.id', '=', 'referrals.child_id')
            .where((inner) =>
              inner.or(
                patterns.flatMap((pattern) => [
                  inner('place.residence_code', 'like', pattern),
                  inner('place.hukou_code', 'like', pattern),
                ]),
              ),
            ),
        ),
      );
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`false`;
  };
}
