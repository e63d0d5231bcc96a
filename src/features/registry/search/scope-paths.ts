import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../../platform/access/actor.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import type { Database } from '../../../platform/db/schema.js';
import { subtreePrefix } from '../../../core/places.js';

type Where = (eb: ExpressionBuilder<Database, 'children'>) => Expression<SqlBool>;

/** A part of the scope; a small one (a township's children, those of some cases) is read whole. */
export interface ScopePath {
  where: Where;
  small: boolean;
}

/** A township (nine digits) or a village holds few enough children (hundreds) to read them all. */
const smallPrefix = 9;

/**
 * `code LIKE 'prefix%'` as the range it is (codes are twelve digits). The planner estimates a
 * range from the histogram at any width, but a pattern by counting histogram entries it matches:
 * a county (0.4 % of the province) then reads as a few rows, and the plan reads the whole county.
 */
function underPrefix(column: 'residence_code' | 'hukou_code', prefix: string) {
  const next = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
  return sql<SqlBool>`(${sql.ref(`children.${column}`)} >= ${prefix} AND ${sql.ref(`children.${column}`)} < ${next})`;
}

/**
 * Disjoint parts of the actor's scope that an index can each find: children by place (residence
 * or household registration under the jurisdiction: a bitmap of two ranges) and children seen
 * only through the organisation's cases. childInScope is one OR of all three, which no index can
 * serve, so a village director's search would otherwise read every match in the province to keep
 * a handful. These parts only choose the way in: every query still applies childInScope, and
 * their union is exactly its rows (scope-paths.test.ts). A province-wide jurisdiction holds
 * nearly every child, so it is not split; the part of cases outside the place is left out when
 * the organisation has none (most have none, and planning it would cost more than the search).
 */
export async function scopePaths(db: Kysely<Database>, actor: Actor): Promise<ScopePath[]> {
  const everything: ScopePath[] = [{ where: () => sql<SqlBool>`true`, small: false }];
  if (actor.kind === 'system') return everything;
  const prefixes = (actor.childJurisdiction ?? actor.jurisdiction).map(subtreePrefix);
  if (prefixes.length === 0 || prefixes.some((prefix) => prefix.length <= 2)) return everything;
  const byPlace = (eb: ExpressionBuilder<Database, 'children'>) =>
    eb.or(prefixes.flatMap((prefix) => [underPrefix('residence_code', prefix), underPrefix('hukou_code', prefix)]));
  const place = { where: byPlace, small: prefixes.every((prefix) => prefix.length >= smallPrefix) };
  const organisationId = actor.organisationId;
  if (!organisationId) return [place];
  const byCaseOnly: Where = (eb) =>
    eb.and([
      eb.exists(
        eb
          .selectFrom('child_participations')
          .select(sql`1`.as('one'))
          .whereRef('child_participations.child_id', '=', 'children.id')
          .where('child_participations.organisation_id', '=', organisationId)
          .where('child_participations.ended_at', 'is', null),
      ),
      eb.not(byPlace(eb)),
    ]);
  const any = await db
    .selectFrom('children')
    .select('children.id')
    .where(childInScope(actor))
    .where(byCaseOnly)
    .limit(1)
    .executeTakeFirst();
  return any ? [place, { where: byCaseOnly, small: true }] : [place];
}
