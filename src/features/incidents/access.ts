import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

/**
 * Who sees an incident: an organisation working the child's case with the whole file (an active
 * participation without a field list: a case's lead and participants, a placement), or the one
 * that recorded it — and in both cases only with the child in scope. Not a government body that
 * sees the child by place alone, nor a receiver of a need-to-know referral: an incident names a
 * victim or a young offender.
 */
export function incidentVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'incidents'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    if (!actor.organisationId) return sql<boolean>`false`;
    const organisationId = actor.organisationId;
    return eb.and([
      eb.exists(
        eb
          .selectFrom('children')
          .select(sql`1`.as('one'))
          .whereRef('children.id', '=', 'incidents.child_id')
          .where(childInScope(actor)),
      ),
      eb.or([
        eb('incidents.recorded_by_org_id', '=', organisationId),
        eb.exists(
          eb
            .selectFrom('child_participations as p')
            .select(sql`1`.as('one'))
            .whereRef('p.child_id', '=', 'incidents.child_id')
            .where('p.organisation_id', '=', organisationId)
            .where('p.ended_at', 'is', null)
            .where('p.fields', 'is', null),
        ),
      ]),
    ]);
  };
}
