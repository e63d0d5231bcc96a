import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { subtreePrefix } from '../../core/places.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';

/** The significant prefix of a division code, in SQL (the same levels as `subtreePrefix`). */
const prefixSql = (column: string) =>
  sql<string>`CASE WHEN ${sql.raw(column)} LIKE '%0000000000' THEN left(${sql.raw(column)}, 2)
    WHEN ${sql.raw(column)} LIKE '%00000000' THEN left(${sql.raw(column)}, 4)
    WHEN ${sql.raw(column)} LIKE '%000000' THEN left(${sql.raw(column)}, 6)
    WHEN ${sql.raw(column)} LIKE '%000' THEN left(${sql.raw(column)}, 9) ELSE ${sql.raw(column)} END`;

/**
 * Who sees a project: its purchaser and its provider, and government by place — an area that
 * overlaps the actor's jurisdiction (inside it, or a wider area that holds it). Society and
 * institutions see children only by taking part, so they see only their own projects.
 */
export function projectVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'projects'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [];
    if (actor.organisationId) {
      conditions.push(eb('projects.purchaser_org_id', '=', actor.organisationId));
      conditions.push(eb('projects.provider_org_id', '=', actor.organisationId));
    }
    for (const code of actor.childJurisdiction ?? actor.jurisdiction) {
      conditions.push(projectTouches(code));
    }
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`false`;
  };
}

/** Projects whose area overlaps a division (inside it, or a wider area holding it). */
export function projectTouches(code: string): Expression<SqlBool> {
  return sql<boolean>`EXISTS (SELECT 1 FROM unnest(projects.area_codes) AS area(code)
    WHERE area.code LIKE ${`${subtreePrefix(code)}%`} OR ${code} LIKE ${prefixSql('area.code')} || '%')`;
}

/** Whether a division lies in the actor's place jurisdiction (government by place). */
export function inJurisdiction(actor: Actor, code: string): boolean {
  if (actor.kind === 'system') return true;
  return (actor.childJurisdiction ?? actor.jurisdiction).some((j) => code.startsWith(subtreePrefix(j)));
}

/**
 * Who sees an incubation: the organisation that records it, and civil affairs (`projects.manage`)
 * whose place jurisdiction holds its county — another county's officer, a charity or a social work
 * organisation (readers of projects, not keepers of incubation) get a 404.
 */
export function incubationVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'incubations'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = [];
    if (actor.organisationId) conditions.push(eb('incubations.owner_org_id', '=', actor.organisationId));
    if (hasPermission(actor, 'projects.manage'))
      for (const code of actor.childJurisdiction ?? actor.jurisdiction)
        conditions.push(eb('incubations.division_code', 'like', `${subtreePrefix(code)}%`));
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`false`;
  };
}
