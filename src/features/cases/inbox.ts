import { sql } from 'kysely';
import type { CaseStepDue, PlanGoalDue } from '../../contract/my-work/my-work.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
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

/** Goals are listed from this many days before their due day (the page's "this week"). */
const goalLeadDays = 7;

/**
 * Goals of the current assistance plan (the case's last `assistance_plan` action) my organisation
 * is responsible for, not done or dropped, due within a week or overdue, on open cases of children
 * in my scope; soonest first. A goal has no clock of its own: its due day is the plan's data.
 */
export const planGoalsDue: InboxContribution<PlanGoalDue> = {
  section: 'planGoals',
  async collect({ db, actor, now }) {
    if (!actor.organisationId) return [];
    const today = shanghaiDateOf(now);
    const horizon = shanghaiDateOf(new Date(now.getTime() + goalLeadDays * 86_400_000));
    const mine = JSON.stringify({ goals: [{ responsibleOrgId: actor.organisationId }] });
    const rows = await db
      .selectFrom('case_actions as plan')
      .innerJoin('cases', 'cases.id', 'plan.case_id')
      .innerJoin('case_actions as last', (join) =>
        join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
      )
      .innerJoin('children', 'children.id', 'cases.child_id')
      .innerJoin(
        sql<{ goal: GoalRow; n: number }>`jsonb_array_elements(plan.payload->'goals') WITH ORDINALITY`.as(
          sql`g(goal, n)`,
        ),
        (join) => join.onTrue(),
      )
      .select(['cases.id as case_id', 'cases.case_no', 'children.name as child_name', 'g.goal', 'g.n'])
      .where('plan.type', '=', 'assistance_plan')
      // The partial GIN index of migration 0120 finds the plans naming my organisation.
      .where(sql<boolean>`plan.payload @> ${mine}::jsonb`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('case_actions as later')
              .select('later.seq')
              .whereRef('later.case_id', '=', 'plan.case_id')
              .where('later.type', '=', 'assistance_plan')
              .whereRef('later.seq', '>', 'plan.seq'),
          ),
        ),
      )
      .where('last.status_after', '<>', 'closed')
      .where(sql<boolean>`g.goal->>'responsibleOrgId' = ${actor.organisationId}`)
      .where(sql<boolean>`coalesce(g.goal->>'status', 'planned') IN ('planned', 'in_progress')`)
      .where(sql<boolean>`g.goal->>'dueOn' <= ${horizon}`)
      .where(childInScope(actor))
      .orderBy(sql`g.goal->>'dueOn'`)
      .orderBy('cases.case_no')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      caseId: r.case_id,
      caseNo: r.case_no,
      childName: r.child_name,
      index: Number(r.n) - 1,
      goal: r.goal.goal,
      status: r.goal.status ?? 'planned',
      dueOn: r.goal.dueOn,
      overdue: r.goal.dueOn < today,
    }));
  },
  isOverdue: (item) => item.overdue,
};

interface GoalRow {
  goal: string;
  dueOn: string;
  status?: PlanGoalDue['status'];
}
