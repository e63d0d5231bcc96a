import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';

const none = '00000000-0000-0000-0000-000000000000';

/**
 * Whether the lateness of clock `k` (the query's alias) was escalated to the actor: an alert beyond
 * the owner raised to the actor's organisation, for anyone there or a role the actor holds. The due
 * lists of visits, entrusted care and supervision follow-ups show such clocks beside their own.
 */
export function escalatedToActor(actor: Actor): RawBuilder<boolean> {
  const roles = actor.roles.length > 0 ? [...actor.roles] : ['-'];
  return sql<boolean>`EXISTS (SELECT 1 FROM alerts al WHERE al.clock_id = k.id AND al.target <> 'owner'
      AND al.recipient_org_id = ${actor.organisationId ?? none}
      AND (al.recipient_role IS NULL OR al.recipient_role IN (${sql.join(roles)})))`;
}
