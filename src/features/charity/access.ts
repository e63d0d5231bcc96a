import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { subtreePrefix } from '../../core/places.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

/** The division prefixes where a charity works: its organisation's area (its jurisdiction). */
function charityPatterns(actor: Actor): string[] {
  if (!actor.organisationId || !hasPermission(actor, 'charity.manage')) return [];
  return actor.jurisdiction.map((code) => `${subtreePrefix(code)}%`);
}

/**
 * Who sees a need: whoever sees the child (its area, or taking part in its case), the organisation
 * that raised it, and charities working where the child lives — these see what the need requires,
 * not whom (the view shows the child only through `childInScope`).
 */
export function needVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'charity_needs'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [
      eb.exists(
        eb
          .selectFrom('children')
          .select(sql`1`.as('one'))
          .whereRef('children.id', '=', 'charity_needs.child_id')
          .where(childInScope(actor)),
      ),
    ];
    if (actor.organisationId) conditions.push(eb('charity_needs.raised_by_org_id', '=', actor.organisationId));
    for (const pattern of charityPatterns(actor)) conditions.push(eb('charity_needs.division_code', 'like', pattern));
    return eb.or(conditions);
  };
}

/** The engine's extra scope for acting on a need: charities where the child lives, and the raiser. */
export function needPartyOf(actor: Actor) {
  const patterns = charityPatterns(actor);
  const parts = patterns.map((p) => sql<SqlBool>`s.division_code LIKE ${p}`);
  if (actor.organisationId) parts.push(sql<SqlBool>`s.raised_by_org_id = ${actor.organisationId}`);
  return parts.length > 0 ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : sql<SqlBool>`false`;
}

/** Guidance orders: whoever sees the child, and the organisation delivering the guidance. */
export function guidanceOrderVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'guidance_orders'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [
      eb.exists(
        eb
          .selectFrom('children')
          .select(sql`1`.as('one'))
          .whereRef('children.id', '=', 'guidance_orders.child_id')
          .where(childInScope(actor)),
      ),
    ];
    if (actor.organisationId) conditions.push(eb('guidance_orders.provider_org_id', '=', actor.organisationId));
    return eb.or(conditions);
  };
}

/** The organisation of a charity coordinator (or a volunteer team's): who keeps volunteers and activities. */
export function requireCharity(actor: Actor): string {
  if (!hasPermission(actor, 'charity.manage')) throw forbidden('charity.manage');
  if (!actor.organisationId) throw new DomainError('charity.needs_organisation', 400);
  return actor.organisationId;
}

/** Activities are kept by the organisation that holds them: another one's answers 404. */
export function activityVisibleTo(actor: Actor, alias: 'volunteer_activities' | 'a' = 'volunteer_activities') {
  const column = sql.ref(`${alias}.organisation_id`);
  if (actor.kind === 'system') return sql<SqlBool>`true`;
  return actor.organisationId ? sql<SqlBool>`${column} = ${actor.organisationId}` : sql<SqlBool>`false`;
}
