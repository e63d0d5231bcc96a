import { sql } from 'kysely';
import type { CaseStepDue, PlanGoalDue } from '../../contract/my-work/my-work.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { escalationLevelOf } from '../../core/clocks/index.js';
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
        escalationLevelOf('c.id'),
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
    const organisationId = actor.organisationId;
    if (!organisationId) return [];
    const today = shanghaiDateOf(now);
    const horizon = shanghaiDateOf(new Date(now.getTime() + goalLeadDays * 86_400_000));
    const mine = JSON.stringify({ goals: [{ responsibleOrgId: organisationId }] });
    const plans = await db
      .selectFrom('case_actions as plan')
      .innerJoin('cases', 'cases.id', 'plan.case_id')
      .innerJoin('case_actions as last', (join) =>
        join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
      )
      .innerJoin('children', 'children.id', 'cases.child_id')
      .select(['cases.id as case_id', 'cases.case_no', 'children.name as child_name', 'plan.payload'])
      .where('plan.type', '=', 'assistance_plan')
      // The partial GIN index of migration 0120 finds the plans naming my organisation.
      .where(sql<boolean>`plan.payload @> ${mine}::jsonb`)
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM case_actions later WHERE later.case_id = plan.case_id
          AND later.type = 'assistance_plan' AND later.seq > plan.seq)`,
      )
      .where(
        sql<boolean>`EXISTS (SELECT 1 FROM jsonb_array_elements(plan.payload->'goals') g
          WHERE g->>'responsibleOrgId' = ${organisationId} AND g->>'dueOn' <= ${horizon}
            AND coalesce(g->>'status', 'planned') IN ('planned', 'in_progress'))`,
      )
      .where('last.status_after', '<>', 'closed')
      .where(childInScope(actor))
      .orderBy('cases.case_no')
      .limit(limit)
      .execute();
    return plans
      .flatMap((plan) =>
        ((plan.payload as { goals?: GoalRow[] }).goals ?? []).flatMap((goal, index) => {
          const status = goal.status ?? 'planned';
          if (goal.responsibleOrgId !== organisationId || goal.dueOn > horizon) return [];
          if (status !== 'planned' && status !== 'in_progress') return [];
          return [
            {
              caseId: plan.case_id,
              caseNo: plan.case_no,
              childName: plan.child_name,
              index,
              goal: goal.goal,
              status,
              dueOn: goal.dueOn,
              overdue: goal.dueOn < today,
            },
          ];
        }),
      )
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseNo.localeCompare(b.caseNo))
      .slice(0, limit);
  },
  isOverdue: (item) => item.overdue,
};

interface GoalRow {
  goal: string;
  responsibleOrgId: string;
  dueOn: string;
  status?: PlanGoalDue['status'];
}
