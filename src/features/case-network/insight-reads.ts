import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';

/**
 * Services of case plans for the insight snapshots (counts only), per service division: those
 * planned in [from, to), those due on a day of the month up to `lastDay`, and of those the ones
 * recorded delivered by the end of their due day (China time) and before `to`.
 */
export async function caseServicesBetween(
  db: Kysely<Database> | Transaction<Database>,
  from: Date,
  to: Date,
  lastDay: string,
): Promise<{ divisionCode: string; planned: number; due: number; deliveredByDue: number }[]> {
  const firstDay = sql`(${from}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;
  const { rows } = await sql<{ divisionCode: string; planned: number; due: number; deliveredByDue: number }>`
    SELECT s.division_code AS "divisionCode",
      count(*) FILTER (WHERE s.created_at >= ${from} AND s.created_at < ${to})::int AS planned,
      count(*) FILTER (WHERE s.due_on >= ${firstDay} AND s.due_on <= ${lastDay}::date)::int AS due,
      count(*) FILTER (WHERE s.due_on >= ${firstDay} AND s.due_on <= ${lastDay}::date AND EXISTS (
        SELECT 1 FROM case_service_actions a WHERE a.case_service_id = s.id AND a.status_after = 'delivered'
          AND a.occurred_at < ${to}
          AND a.occurred_at < ((s.due_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')))::int AS "deliveredByDue"
    FROM case_services s
    WHERE ((s.created_at >= ${from} AND s.created_at < ${to}) OR (s.due_on >= ${firstDay} AND s.due_on <= ${lastDay}::date))
      AND ${systemScope('insight snapshot: planned services are counted, no child is named')}
    GROUP BY 1`.execute(db);
  return rows;
}
