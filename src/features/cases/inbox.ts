import type { CaseStepDue } from '../../contract/my-work/my-work.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { childInScope } from '../../core/scope/child-scope.js';
import '../../core/clocks/tables.js';
import './tables.js';

const none = '00000000-0000-0000-0000-000000000000';
const limit = 50;

/** Case steps whose clock runs for my organisation or for me, on children in my scope, soonest first. */
export const caseStepsDue: InboxContribution<CaseStepDue> = {
  section: 'caseSteps',
  async collect({ db, actor, now }) {
    const rows = await db
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
      .where((eb) =>
        eb.or([
          eb('c.owner_org_id', '=', actor.organisationId ?? none),
          eb('c.owner_user_id', '=', actor.userId ?? none),
        ]),
      )
      .where(childInScope(actor))
      .orderBy('c.due_at')
      .limit(limit)
      .execute();
    return rows.map((s) => ({
      clockId: s.id,
      rule: s.rule,
      caseId: s.case_id,
      caseNo: s.case_no,
      childName: s.child_name,
      startedAt: s.started_at.toISOString(),
      dueAt: s.due_at.toISOString(),
      escalationLevel: s.escalation_level,
      overdue: s.due_at < now,
    }));
  },
  isOverdue: (item) => item.overdue,
};
