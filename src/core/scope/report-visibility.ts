import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { childInScope, childVisibleTo } from './child-scope.js';

/*
 * Which reports an actor may open, beside the children's rule it builds on (childInScope): the
 * two scope rules of the house, read side by side. Three ways in, each with its permission:
 * - a receiver: the caller's organisation received the report and the caller works reports
 *   (`reports.receive`). A `provider` copy — routed only because the organisation leads a service
 *   the report implies (the responsibility matrix) — opens the report until a case takes it, and
 *   after that only while the organisation takes part in the child (an active participation): a
 *   rescue station the child was transferred away from no longer reads it, like the file;
 * - a case worker: the report belongs to a case the caller's organisation works (and has not left)
 *   about a child in the caller's scope, and the caller reads cases (`cases.read`);
 * - the author: the caller made or took the report (`reports.submit`).
 */

/** The SQL rule: which reports the actor may open. Single reads and every list use it. */
export function reportVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'reports'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [];
    if (actor.userId && hasPermission(actor, 'reports.submit')) {
      conditions.push(eb('reports.reporter_user_id', '=', actor.userId), eb('reports.created_by', '=', actor.userId));
    }
    if (actor.organisationId && hasPermission(actor, 'reports.receive')) {
      const org = actor.organisationId;
      conditions.push(
        eb.exists(
          eb
            .selectFrom('report_recipients as rr')
            .select(sql`1`.as('one'))
            .whereRef('rr.report_id', '=', 'reports.id')
            .where('rr.organisation_id', '=', org)
            .where((inner) =>
              inner.or([
                inner('rr.role', '<>', 'provider'),
                inner('reports.case_id', 'is', null),
                inner.exists(
                  inner
                    .selectFrom('child_participations as p')
                    .select(sql`1`.as('one'))
                    .whereRef('p.child_id', '=', 'reports.child_id')
                    .where('p.organisation_id', '=', org)
                    .where('p.ended_at', 'is', null),
                ),
              ]),
            ),
        ),
      );
    }
    if (actor.organisationId && hasPermission(actor, 'cases.read')) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('case_organisations as co')
            .innerJoin('cases as rc', 'rc.id', 'co.case_id')
            .innerJoin('children', 'children.id', 'rc.child_id')
            .select(sql`1`.as('one'))
            .whereRef('co.case_id', '=', 'reports.case_id')
            .where('co.organisation_id', '=', actor.organisationId)
            .where('co.left_at', 'is', null)
            .where(childInScope(actor)),
        ),
      );
    }
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`false`;
  };
}

export interface ReportAccessFacts {
  reporterUserId: string | null;
  createdBy: string | null;
  recipientOrganisations: readonly string[];
  /** Of those, the ones that received it only as a matrix `provider`. */
  providerOrganisations: readonly string[];
  /** The organisations working the report's case (not those that left); empty without a case. */
  caseOrganisations: readonly string[];
  caseChild: { residenceCode: string; hukouCode: string | null; participatingOrganisations: readonly string[] } | null;
}

/** The same rule in memory, for the property test that single read, list and rule agree. */
export function reportVisibleToActor(actor: Actor, report: ReportAccessFacts): boolean {
  if (actor.kind === 'system') return true;
  const author =
    actor.userId !== null &&
    hasPermission(actor, 'reports.submit') &&
    (report.reporterUserId === actor.userId || report.createdBy === actor.userId);
  const org = actor.organisationId;
  const providerOnly = org !== null && report.providerOrganisations.includes(org);
  const providerReads =
    report.caseChild === null || (org !== null && report.caseChild.participatingOrganisations.includes(org));
  const receiver =
    org !== null &&
    hasPermission(actor, 'reports.receive') &&
    report.recipientOrganisations.includes(org) &&
    (!providerOnly || providerReads);
  const caseWorker =
    org !== null &&
    hasPermission(actor, 'cases.read') &&
    report.caseOrganisations.includes(org) &&
    report.caseChild !== null &&
    childVisibleTo(actor, report.caseChild);
  return author || receiver || caseWorker;
}
