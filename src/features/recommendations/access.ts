import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { subtreePrefix } from '../../core/places.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

/**
 * Who sees a recommendation: the procuratorate that issued it, the unit it is addressed to, and —
 * when it is about a child — the government bodies whose area holds the child (by place, as
 * `childInScope`). Nobody else: another school learns nothing of it.
 */
export function recommendationVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'recommendations'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [];
    if (actor.organisationId) {
      conditions.push(eb('recommendations.from_org_id', '=', actor.organisationId));
      conditions.push(eb('recommendations.to_org_id', '=', actor.organisationId));
    }
    const patterns = (actor.childJurisdiction ?? actor.jurisdiction).map((code) => `${subtreePrefix(code)}%`);
    if (patterns.length > 0)
      conditions.push(
        eb.exists(
          eb
            .selectFrom('children as place')
            .select(sql`1`.as('one'))
            .whereRef('place.id', '=', 'recommendations.child_id')
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
