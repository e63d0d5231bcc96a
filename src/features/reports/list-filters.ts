import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { ReportListQuery } from '../../contract/reports/views.js';
import type { Database } from '../../platform/db/schema.js';

/** The report list's tables: the report, my organisation's receipt of it, and that receipt's clock. */
type ListTables = Database & { rr: Database['report_recipients']; c: Database['clocks'] };

/**
 * The received-reports filters (number, where it stands for my organisation, channel, danger, the
 * days it was reported on, in China's calendar day) as one condition beside the visibility rule.
 */
export function reportListFilters(query: Partial<ReportListQuery>, now: Date) {
  return (eb: ExpressionBuilder<ListTables, 'reports' | 'rr' | 'c'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    // The number's characters are letters, digits and '-' (the schema says so): nothing to escape.
    if (query.q) conditions.push(eb('reports.ref_no', 'like', `${query.q.toUpperCase()}%`));
    if (query.channel) conditions.push(eb('reports.channel', '=', query.channel));
    if (query.danger === 'true') conditions.push(eb('reports.immediate_danger', '=', true));
    const reportedDay = sql<string>`(reports.reported_at AT TIME ZONE 'Asia/Shanghai')::date`;
    if (query.from) conditions.push(eb(reportedDay, '>=', sql<string>`${query.from}::date`));
    if (query.to) conditions.push(eb(reportedDay, '<=', sql<string>`${query.to}::date`));
    if (query.ack === 'acknowledged') conditions.push(eb('rr.acknowledged_at', 'is not', null));
    if (query.ack === 'unacknowledged')
      conditions.push(eb.and([eb('rr.id', 'is not', null), eb('rr.acknowledged_at', 'is', null)]));
    if (query.ack === 'overdue')
      conditions.push(
        eb.and([eb('rr.id', 'is not', null), eb('rr.acknowledged_at', 'is', null), eb('c.due_at', '<', now)]),
      );
    return eb.and(conditions);
  };
}
