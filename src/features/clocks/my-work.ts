import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Database } from '../../platform/db/schema.js';
import '../cases/tables.js';
import '../reports/tables.js';
import './tables.js';

const none = '00000000-0000-0000-0000-000000000000';
const limit = 50;
const alertWindowDays = 30;

/** What waits for me: reports my organisation must acknowledge, case steps due, alerts — overdue first. */
export async function myWork(db: Kysely<Database>, actor: Actor, now = new Date()) {
  const orgId = actor.organisationId ?? none;
  const userId = actor.userId ?? none;
  // Report details are for those who work reports (issue 12), not for everyone in a receiving organisation.
  const reports = !hasPermission(actor, 'reports.receive')
    ? []
    : await db
        .selectFrom('report_recipients as rr')
        .innerJoin('reports as r', 'r.id', 'rr.report_id')
        .leftJoin('clocks as c', (join) =>
          join.onRef('c.subject_id', '=', 'rr.id').on('c.rule', '=', 'report.acknowledge'),
        )
        .select([
          'r.id',
          'r.ref_no',
          'r.channel',
          'r.situations',
          'r.immediate_danger',
          'r.division_code',
          'r.reported_at',
          'c.due_at',
        ])
        .where('rr.organisation_id', '=', orgId)
        .where('rr.acknowledged_at', 'is', null)
        .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '=', 'running')]))
        .orderBy('c.due_at')
        .limit(limit)
        .execute();
  const steps = await db
    .selectFrom('clocks as c')
    .innerJoin('cases', 'cases.id', 'c.case_id')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .select([
      'c.id',
      'c.rule',
      'c.due_at',
      'c.started_at',
      'c.escalation_level',
      'cases.id as case_id',
      'cases.case_no',
      'children.name as child_name',
    ])
    .where('c.state', '=', 'running')
    .where((eb) => eb.or([eb('c.owner_org_id', '=', orgId), eb('c.owner_user_id', '=', userId)]))
    .where(childInScope(actor))
    .orderBy('c.due_at')
    .limit(limit)
    .execute();
  const roles = actor.roles.length > 0 ? [...actor.roles] : ['-'];
  const recent = await db
    .selectFrom('alerts as a')
    .innerJoin('clocks as c', 'c.id', 'a.clock_id')
    .leftJoin('cases', 'cases.id', 'c.case_id')
    .leftJoin('reports as r', 'r.id', 'c.report_id')
    .select([
      'a.id',
      'a.level',
      'a.target',
      'a.raised_at',
      'a.due_at',
      'c.rule',
      'c.state',
      'c.stopped_at',
      'c.owner_org_id',
      'cases.id as case_id',
      'cases.case_no',
      'r.id as report_id',
      'r.ref_no',
    ])
    .where((eb) =>
      eb.or([
        eb('a.recipient_user_id', '=', userId),
        eb.and([
          eb('a.recipient_org_id', '=', orgId),
          eb.or([eb('a.recipient_role', 'is', null), eb('a.recipient_role', 'in', roles)]),
        ]),
      ]),
    )
    .where('a.raised_at', '>=', new Date(now.getTime() - alertWindowDays * 86_400_000))
    .orderBy('a.raised_at', 'desc')
    .limit(limit * 4)
    .execute();
  // Alerts whose clock still runs (still overdue) first, then the newest.
  const alerts = recent.sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running')).slice(0, limit);
  const overdue = (due: Date | null) => due !== null && due < now;
  return {
    reportsToAcknowledge: reports.map((r) => ({
      reportId: r.id,
      refNo: r.ref_no,
      channel: r.channel,
      situations: r.situations,
      immediateDanger: r.immediate_danger,
      divisionCode: r.division_code,
      reportedAt: r.reported_at.toISOString(),
      dueAt: r.due_at?.toISOString() ?? null,
      overdue: overdue(r.due_at),
    })),
    caseSteps: steps.map((s) => ({
      clockId: s.id,
      rule: s.rule,
      caseId: s.case_id,
      caseNo: s.case_no,
      childName: s.child_name,
      startedAt: s.started_at.toISOString(),
      dueAt: s.due_at.toISOString(),
      escalationLevel: s.escalation_level,
      overdue: overdue(s.due_at),
    })),
    alerts: alerts.map((a) => ({
      alertId: a.id,
      level: a.level,
      target: a.target,
      rule: a.rule,
      clockState: a.state,
      raisedAt: a.raised_at.toISOString(),
      dueAt: a.due_at.toISOString(),
      caseId: a.case_id,
      caseNo: a.case_no,
      reportId: a.report_id,
      refNo: a.ref_no,
    })),
  };
}
