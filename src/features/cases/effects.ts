import type { Transaction } from 'kysely';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import type { ActionEffect, EffectResult } from '../../core/workflow/definition.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import type { ActionInput } from './model.js';
import { placementEffects } from './placements.js';
import { riskGrade } from './risk.js';
import { caseRules } from './rule-sections.js';
import type { ActionType } from './rules.js';
import {
  addCaseOrganisation,
  endCaseParticipations,
  type LockedCase,
  organisationExists,
  restoreCaseParticipations,
} from './store.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Trx = Transaction<Database>;

/** What each action does besides being recorded: clocks, scope, placements, the child's risk grade. */
export type CaseEffects = { [K in ActionType]?: ActionEffect<LockedCase, Extract<ActionInput, { type: K }>> };

const rulesOf = (trx: Trx, kase: LockedCase, at: Date): Promise<RuleSet> =>
  ruleSetFor(trx, kase.divisionCode, shanghaiDateOf(at));

async function requireOrganisations(trx: Trx, ids: readonly string[], field: string): Promise<void> {
  for (const id of new Set(ids)) {
    if (!(await organisationExists(trx, id)))
      throw new DomainError('cases.organisation_unknown', 400, { id }, [
        { path: `body.${field}`, code: 'cases.organisation_unknown' },
      ]);
  }
}

function clockFor(kase: LockedCase, ownerOrgId: string, at: Date) {
  return {
    ownerOrgId,
    subjectType: 'case' as const,
    subjectId: kase.id,
    caseId: kase.id,
    childId: kase.childId,
    divisionCode: kase.divisionCode,
    startedAt: at,
  };
}

/**
 * The clock rules an action stops (met, or missed when late), recorded against its seq, before
 * whatever it starts.
 */
function stopping(
  trx: Trx,
  kase: LockedCase,
  at: Date,
  stops: readonly string[],
  effect: EffectResult = {},
): EffectResult {
  return {
    ...effect,
    after: async (seq) => {
      await stopClocks(trx, { caseId: kase.id, rules: stops }, at, seq);
      await effect.after?.(seq);
    },
  };
}

/** Stops the reports' clocks of this case (all of them, or those of one rule). */
async function settleReportClocks(trx: Trx, caseId: string, at: Date, seq: number, rule?: string): Promise<void> {
  await stopClocks(trx, { reportsOfCase: caseId, rules: rule ? [rule] : 'every rule' }, at, seq);
}

export const caseEffects: CaseEffects = {
  emergency_response: async ({ uow, subject: kase, input, at }) => {
    const { trx } = uow;
    await placementEffects(uow, kase, input.placement, 'emergency', at);
    // The target "response started within 2 hours of a report of danger" is kept on the reports' clocks.
    return { after: (seq) => settleReportClocks(trx, kase.id, at, seq, 'report.emergency_response') };
  },

  assessment: async ({ uow: { trx }, subject: kase, input, at }) => {
    const rules = await rulesOf(trx, kase, at);
    const config = rules.get(caseRules);
    const result = riskGrade(input.scores, input.overrides, config);
    const child = await trx
      .selectFrom('children')
      .where(systemScope('the child of the case the workflow locked through childInScope'))
      .select(['risk_grade'])
      .where('id', '=', kase.childId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('children')
      .where(systemScope('the child of the case the workflow locked through childInScope'))
      .set((eb) => ({ risk_grade: result.grade, version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', kase.childId)
      .execute();
    const reviewOn = shanghaiDateOf(new Date(at.getTime() + config.reviewAfterDays[result.grade] * 86_400_000));
    return stopping(trx, kase, at, ['case.assessment', 'case.review'], {
      payload: {
        grade: result.grade,
        score: result.score,
        overridden: result.overridden,
        visitEveryDays: config.visitEveryDays[result.grade],
        reviewOn,
      },
      timeline: { before: { riskGrade: child.risk_grade }, after: { riskGrade: result.grade } },
      after: async () => {
        await startClock(trx, rules, {
          ...clockFor(kase, kase.leadOrgId, at),
          rule: 'case.review',
          duration: { days: config.reviewAfterDays[result.grade] },
        });
        const planned = await trx
          .selectFrom('case_actions')
          .where(systemScope('the case the workflow locked through childInScope'))
          .select('seq')
          .where('case_id', '=', kase.id)
          .where('type', '=', 'assistance_plan')
          .executeTakeFirst();
        if (!planned)
          await startClock(trx, rules, {
            ...clockFor(kase, kase.leadOrgId, at),
            rule: 'case.plan',
            duration: { workingDays: config.planWorkingDays },
          });
      },
    });
  },

  assistance_plan: async ({ uow: { trx }, subject: kase, input, at }) => {
    const responsible = [
      ...input.goals.map((g) => g.responsibleOrgId),
      ...input.benefitTasks.map((t) => t.responsibleOrgId),
    ];
    await requireOrganisations(trx, responsible, 'goals');
    for (const id of new Set(responsible))
      await addCaseOrganisation(trx, kase, id, id === kase.leadOrgId ? 'lead' : 'participant', at);
    return stopping(trx, kase, at, ['case.plan']);
  },

  guardianship_intervention: async ({ uow, subject: kase, input, at }) => {
    const { trx } = uow;
    const measure = input.intervention;
    if (measure.measure === 'temporary_state_guardianship' || measure.measure === 'long_term_state_guardianship')
      await placementEffects(uow, kase, measure.placement, measure.measure, at);
    // Leaving the rescue station for a longer placement ends the stay limit.
    const leavesStation =
      measure.measure === 'long_term_state_guardianship' ||
      (measure.measure === 'temporary_state_guardianship' && measure.placement.kind !== 'rescue_station');
    return stopping(trx, kase, at, leavesStation ? ['placement.rescue_station_stay'] : []);
  },

  add_participant: async ({ uow: { trx }, subject: kase, input, at }) => {
    await requireOrganisations(trx, [input.organisationId], 'organisationId');
    await addCaseOrganisation(trx, kase, input.organisationId, 'participant', at);
    return undefined;
  },

  request_closure: async ({ uow: { trx }, subject: kase, at }) => {
    const rules = await rulesOf(trx, kase, at);
    return {
      after: async () =>
        void (await startClock(trx, rules, {
          ...clockFor(kase, kase.leadOrgId, at),
          rule: 'case.closure_approval',
          duration: { workingDays: rules.get(caseRules).closureApprovalWorkingDays },
        })),
    };
  },

  approve_closure: async ({ uow: { trx }, subject: kase, at }) => {
    const request = await trx
      .selectFrom('case_actions')
      .where(systemScope('the case the workflow locked through childInScope'))
      .select('payload')
      .where('case_id', '=', kase.id)
      .where('type', '=', 'request_closure')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    const outcome = (request?.payload as { outcome?: string } | undefined)?.outcome ?? null;
    await endCaseParticipations(trx, kase.id, at);
    return stopping(
      trx,
      kase,
      at,
      ['case.closure_approval', 'case.review', 'case.plan', 'case.assessment', 'placement.rescue_station_stay'],
      {
        payload: { outcome },
        // A closed case settles its reports: receivers that never acknowledged stay on record as missed.
        after: (seq) => settleReportClocks(trx, kase.id, at, seq),
      },
    );
  },

  reject_closure: async ({ uow: { trx }, subject: kase, at }) => stopping(trx, kase, at, ['case.closure_approval']),

  reopen: async ({ uow: { trx }, subject: kase, at }) => {
    const rules = await rulesOf(trx, kase, at);
    await restoreCaseParticipations(trx, kase, at);
    return {
      after: async () =>
        void (await startClock(trx, rules, {
          ...clockFor(kase, kase.leadOrgId, at),
          rule: 'case.assessment',
          duration: { workingDays: rules.get(caseRules).assessmentWorkingDays },
        })),
    };
  },
};
