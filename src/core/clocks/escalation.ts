import { type AliasedRawBuilder, sql } from 'kysely';
import './tables.js';

/**
 * The escalation level a clock has reached, as the column `escalation_level` of a select: read by key
 * from its narrow row (`clock_escalations`, migration 0190); 0 for a clock without one. `clockId` is
 * the reference to the clock's id in the query (e.g. `k.id`).
 */
export function escalationLevelOf(clockId: string): AliasedRawBuilder<number, 'escalation_level'> {
  return sql<number>`COALESCE((SELECT esc.escalation_level FROM clock_escalations esc WHERE esc.clock_id = ${sql.ref(clockId)}), 0)`.as(
    'escalation_level',
  );
}
