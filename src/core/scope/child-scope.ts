import { type ExpressionBuilder, type Expression, type SqlBool, sql } from 'kysely';
import { subtreePrefix } from '../places.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';

/**
 * Invariant 2: the one predicate that decides which children an actor may see, used for single
 * reads and lists alike. A child is in scope when its residence or household registration lies in
 * the actor's jurisdiction, or the actor's organisation takes part in the child's case.
 */
export function childInScope(actor: Actor, options: { oneChild?: boolean } = {}) {
  return (eb: ExpressionBuilder<Database, 'children'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [];
    for (const code of actor.childJurisdiction ?? actor.jurisdiction) {
      const pattern = `${subtreePrefix(code)}%`;
      conditions.push(eb('children.residence_code', 'like', pattern));
      conditions.push(eb('children.hukou_code', 'like', pattern));
    }
    if (actor.organisationId && options.oneChild) {
      conditions.push(participationProbe(actor.organisationId));
    } else if (actor.organisationId) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('child_participations')
            .select(sql`1`.as('one'))
            .whereRef('child_participations.child_id', '=', 'children.id')
            .where('child_participations.organisation_id', '=', actor.organisationId)
            .where('child_participations.ended_at', 'is', null),
        ),
      );
    }
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`false`;
  };
}

/**
 * The participation test for a query of one child (`oneChild`): an `EXISTS` under `OR` may be run as a
 * hashed subplan of all the organisation's open participations — in a generic plan the planner
 * takes the organisation for an average one, so a social-work organisation's single read built a hash
 * of its whole caseload. A scalar subquery is never hashed: it probes the active-grant index for
 * this child and organisation, and only when the place did not already decide (OR stops at true).
 * Same rows as the `EXISTS`: a row with `true` exactly when one exists. Lists keep the `EXISTS`,
 * where one hash beats a probe per child.
 */
function participationProbe(organisationId: string): Expression<SqlBool> {
  return sql<boolean>`(SELECT true FROM child_participations p
    WHERE p.child_id = children.id AND p.organisation_id = ${organisationId} AND p.ended_at IS NULL LIMIT 1) IS NOT NULL`;
}

/** The same rule in memory, for the property test that the SQL predicate agrees with it. */
export function childVisibleTo(
  actor: Actor,
  child: { residenceCode: string; hukouCode: string | null; participatingOrganisations: readonly string[] },
): boolean {
  if (actor.kind === 'system') return true;
  const inJurisdiction = (actor.childJurisdiction ?? actor.jurisdiction).some((code) => {
    const prefix = subtreePrefix(code);
    return child.residenceCode.startsWith(prefix) || (child.hukouCode?.startsWith(prefix) ?? false);
  });
  return (
    inJurisdiction || (actor.organisationId !== null && child.participatingOrganisations.includes(actor.organisationId))
  );
}
