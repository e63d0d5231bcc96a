import { sql } from 'kysely';
import type { WorkAlert } from '../../contract/my-work/my-work.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { hasPermission } from '../../platform/access/actor.js';
import '../../core/clocks/tables.js';

const none = '00000000-0000-0000-0000-000000000000';
const limit = 50;
const alertWindowDays = 30;

/**
 * Escalation alerts of the last 30 days raised for me, or for my organisation (and a role I hold):
 * those whose clock still runs (still overdue) first, then the newest. The case number and report
 * reference are only labels for the alert's own clock, read by key; the child's name only through
 * the reader's scope (an alert raised up the chain names the child to whoever may see it).
 */
export const alertsForMe: InboxContribution<WorkAlert> = {
  section: 'alerts',
  async collect({ db, actor, now }) {
    const orgId = actor.organisationId ?? none;
    const userId = actor.userId ?? none;
    const roles = actor.roles.length > 0 ? [...actor.roles] : ['-'];
    const recent = await db
      .selectFrom('alerts as a')
      .innerJoin('clocks as c', 'c.id', 'a.clock_id')
      .select([
        'a.id',
        'a.level',
        'a.target',
        'a.raised_at',
        'a.due_at',
        'c.rule',
        'c.state',
        'c.case_id',
        'c.report_id',
        'c.child_id',
        sql<string | null>`(SELECT case_no FROM cases WHERE cases.id = c.case_id)`.as('case_no'),
        sql<string | null>`(SELECT ref_no FROM reports WHERE reports.id = c.report_id)`.as('ref_no'),
        (eb) =>
          eb
            .selectFrom('children')
            .select('children.name')
            .whereRef('children.id', '=', 'c.child_id')
            .where(childInScope(actor))
            .as('child_name'),
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
    const mayReadChildren = hasPermission(actor, 'children.read');
    const alerts = recent.sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running')).slice(0, limit);
    return alerts.map((a) => ({
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
      childId: a.child_name === null || !mayReadChildren ? null : a.child_id,
      childName: mayReadChildren ? a.child_name : null,
    }));
  },
  isOverdue: (item) => item.clockState === 'running',
};
