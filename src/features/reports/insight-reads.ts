import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';

/**
 * Mandated reports received in [from, to) for the insight snapshots (counts only), per report
 * division: all of them, those whose reporter said when they knew, and of those the ones made
 * within 24 hours of knowing (the law says "immediately"; 24 hours is the compliance page's line).
 */
export async function mandatedReportsBetween(
  db: Kysely<Database> | Transaction<Database>,
  from: Date,
  to: Date,
): Promise<{ divisionCode: string; reports: number; known: number; inTime: number }[]> {
  const { rows } = await sql<{ divisionCode: string; reports: number; known: number; inTime: number }>`
    SELECT division_code AS "divisionCode", count(*)::int AS reports, count(knew_at)::int AS known,
      count(*) FILTER (WHERE reported_at - knew_at <= interval '24 hours')::int AS "inTime"
    FROM reports
    WHERE channel = 'mandated' AND reported_at >= ${from} AND reported_at < ${to}
      AND ${systemScope('insight snapshot: mandated reports are counted, no report is shown')}
    GROUP BY 1`.execute(db);
  return rows;
}
