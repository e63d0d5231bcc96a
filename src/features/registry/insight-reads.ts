import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { ExitReason } from '../../contract/registry/exit.js';

/**
 * Children who left the registry on a day in [firstDay, lastDay], per residence and reason, for the
 * insight snapshots (counts only). A child is counted at the residence the registry holds now.
 */
export async function exitsBetween(
  db: Kysely<Database> | Transaction<Database>,
  firstDay: string,
  lastDay: string,
): Promise<{ divisionCode: string; reason: ExitReason; children: number }[]> {
  const { rows } = await sql<{ divisionCode: string; reason: ExitReason; children: number }>`
    SELECT c.residence_code AS "divisionCode", e.reason, count(DISTINCT e.child_id)::int AS children
    FROM child_exits e JOIN children c ON c.id = e.child_id
    WHERE e.exited_on BETWEEN ${firstDay}::date AND ${lastDay}::date
      AND ${systemScope('insight snapshot: exits are counted, no child is named')}
    GROUP BY 1, 2`.execute(db);
  return rows;
}
