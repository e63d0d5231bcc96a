import type { ReportToAcknowledge } from '../../contract/my-work/my-work.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { hasPermission } from '../../platform/access/actor.js';
import '../../core/clocks/tables.js';
import './tables.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { reportVisibleTo } from './access.js';

const none = '00000000-0000-0000-0000-000000000000';
const limit = 50;

/** Reports my organisation has not acknowledged yet, soonest deadline first. */
export const reportsToAcknowledge: InboxContribution<ReportToAcknowledge> = {
  section: 'reportsToAcknowledge',
  async collect({ db, actor, now }) {
    // Report details are for those who work reports (issue 12), not for everyone in a receiving organisation.
    if (!hasPermission(actor, 'reports.receive')) return [];
    const rows = await db
      .selectFrom('report_recipients as rr')
      .where(systemScope("reports sent to the actor's own organisation; reports.receive checked above"))
      .innerJoin('reports', 'reports.id', 'rr.report_id')
      // A matrix provider's copy leaves the list with the report (a case took it and the child is not theirs).
      .where(reportVisibleTo(actor))
      .leftJoin('clocks as c', (join) =>
        join.onRef('c.subject_id', '=', 'rr.id').on('c.rule', '=', 'report.acknowledge'),
      )
      .select([
        'reports.id',
        'reports.ref_no',
        'reports.channel',
        'reports.situations',
        'reports.immediate_danger',
        'reports.division_code',
        'reports.reported_at',
        'c.due_at',
      ])
      .where('rr.organisation_id', '=', actor.organisationId ?? none)
      .where('rr.acknowledged_at', 'is', null)
      .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '=', 'running')]))
      .orderBy('c.due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      reportId: r.id,
      refNo: r.ref_no,
      channel: r.channel,
      situations: r.situations,
      immediateDanger: r.immediate_danger,
      divisionCode: r.division_code,
      reportedAt: r.reported_at.toISOString(),
      dueAt: r.due_at?.toISOString() ?? null,
      overdue: r.due_at !== null && r.due_at < now,
    }));
  },
  isOverdue: (item) => item.overdue,
};
