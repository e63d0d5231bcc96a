import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { systemScope } from '../../core/scope/system-scope.js';
import type { ReportChannel } from '../../contract/reports/vocabulary.js';

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

export interface ReportFlowCounts {
  channel: ReportChannel;
  organisationId: string | null;
  organisationName: string | null;
  received: number;
  acknowledgedInTime: number;
  emergencyDue: number;
  emergencyInTime: number;
}

/**
 * Reports received in [from, to) in the subtree of `prefix`, per channel and reporting
 * organisation, counts only: how many, how many every receiver acknowledged by its clock's due
 * time, how many had an emergency-response clock (immediate danger) and how many of those were
 * answered by its due time. Bounded by the month (`reports_reported_at_idx`, or the division
 * index for a small place); each report's clocks through `clocks_report_idx`.
 */
export async function reportFlowsBetween(
  db: Kysely<Database> | Transaction<Database>,
  prefix: string,
  from: Date,
  to: Date,
): Promise<ReportFlowCounts[]> {
  const { rows } = await sql<ReportFlowCounts>`
    SELECT r.channel, r.reporter_org_id AS "organisationId", o.name AS "organisationName", count(*)::int AS received,
      count(*) FILTER (WHERE k.ack_due > 0 AND k.ack_in_time = k.ack_due)::int AS "acknowledgedInTime",
      count(*) FILTER (WHERE k.emergency_due > 0)::int AS "emergencyDue",
      count(*) FILTER (WHERE k.emergency_due > 0 AND k.emergency_in_time = k.emergency_due)::int AS "emergencyInTime"
    FROM reports r
    LEFT JOIN organisations o ON o.id = r.reporter_org_id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE c.rule = 'report.acknowledge') AS ack_due,
        count(*) FILTER (WHERE c.rule = 'report.acknowledge' AND c.stopped_at <= c.due_at) AS ack_in_time,
        count(*) FILTER (WHERE c.rule = 'report.emergency_response') AS emergency_due,
        count(*) FILTER (WHERE c.rule = 'report.emergency_response' AND c.stopped_at <= c.due_at) AS emergency_in_time
      FROM clocks c WHERE c.report_id = r.id) k
    WHERE r.reported_at >= ${from} AND r.reported_at < ${to} AND r.division_code LIKE ${`${prefix}%`}
      AND ${systemScope('insight flow table: reports are counted per channel and organisation, none is shown')}
    GROUP BY r.channel, r.reporter_org_id, o.name`.execute(db);
  return rows;
}
