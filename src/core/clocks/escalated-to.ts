import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import './tables.js';

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

/**
 * The ids of the clocks whose lateness was escalated to the actor (the same rule as
 * `escalatedToActor`), read from the alerts by their recipient: a due list's candidates, beside the
 * clocks the actor owns, before it reads any row (filtering every running clock by the EXISTS above
 * reads them all).
 */
export function clocksEscalatedToActor(db: Kysely<Database> | Transaction<Database>, actor: Actor) {
  const roles = actor.roles.length > 0 ? [...actor.roles] : ['-'];
  return db
    .selectFrom('alerts as al')
    .select('al.clock_id as id')
    .where('al.recipient_org_id', '=', actor.organisationId ?? none)
    .where('al.target', '<>', 'owner')
    .where((eb) => eb.or([eb('al.recipient_role', 'is', null), eb('al.recipient_role', 'in', roles)]));
}
