import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { subtreePrefix } from '../../core/places.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

/**
 * Who sees a meeting: those whose jurisdiction holds the conference's place, its convener, the
 * departments of that place (members by default), the departments added to it, and the owner of
 * one of its action items. A county's meeting is invisible to another county (404, like a missing one).
 */
export function meetingVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'conference_meetings'>): Expression<SqlBool> => {
    if (actor.kind === 'system') return sql<boolean>`true`;
    const conditions: Expression<SqlBool>[] = actor.jurisdiction.map((code) =>
      eb('conference_meetings.division_code', 'like', `${subtreePrefix(code)}%`),
    );
    const org = actor.organisationId;
    if (org) {
      conditions.push(eb('conference_meetings.convener_org_id', '=', org));
      conditions.push(
        sql<SqlBool>`EXISTS (SELECT 1 FROM organisations o WHERE o.id = ${org} AND o.division_code = conference_meetings.division_code)`,
      );
      conditions.push(
        sql<SqlBool>`EXISTS (SELECT 1 FROM conference_members m WHERE m.organisation_id = ${org} AND m.removed_at IS NULL AND m.division_code = conference_meetings.division_code)`,
      );
      conditions.push(
        sql<SqlBool>`EXISTS (SELECT 1 FROM conference_action_items a WHERE a.owner_org_id = ${org} AND a.meeting_id = conference_meetings.id)`,
      );
    }
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`false`;
  };
}
