import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import type { RuleSet } from '../../platform/rules/rule-set.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import type { ActionInput } from './model.js';
import { riskGrade } from './risk.js';
import { caseRules } from './rule-sections.js';
import { placementEffects } from './placements.js';
import {
  addCaseOrganisation,
  endCaseParticipations,
  organisationExists,
  restoreCaseParticipations,
  type LockedCase,
} from './store.js';

type Trx = Transaction<Database>;

export interface Effect {
  /** Added to the stored payload (computed results such as the risk grade). */
  payload?: Record<string, unknown>;
  timeline?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  /** Clock rules this action stops (met, or missed when late), recorded against its seq. */
  stops: string[];
  /** Runs after the action is appended (clocks that start now). */
  after?: (seq: number) => Promise<void>;
}

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

/** What each action does besides being recorded: clocks, scope, the child's risk grade. */
export async function effectsOf(
  trx: Trx,
  actor: Actor,
  rules: RuleSet,
  kase: LockedCase,
  input: ActionInput,
  at: Date,
): Promise<Effect> {
  const config = rules.get(caseRules);
  const lead = kase.leadOrgId;
  switch (input.type) {
    case 'acknowledge':
    case 'case_conference':
    case 'start_monitoring':
      return { stops: [] };
    case 'emergency_response': {
      await placementEffects(trx, rules, kase, input.placement, at);
      // The target "response started within 2 hours of a report of danger" is kept on the reports' clocks.
      return {
        stops: [],
        after: async (seq) =>
          void (await stopClocks(trx, { reportsOfCase: kase.id, rules: ['report.emergency_response'] }, at, seq)),
      };
    }
    case 'assessment': {
      const result = riskGrade(input.scores, input.overrides, config);
      const child = await trx
        .selectFrom('children')
        .select(['risk_grade'])
        .where('id', '=', kase.childId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('children')
        .set((eb) => ({ risk_grade: result.grade, version: eb('version', '+', 1), updated_at: at }))
        .where('id', '=', kase.childId)
        .execute();
      const reviewOn = shanghaiDateOf(new Date(at.getTime() + config.reviewAfterDays[result.grade] * 86_400_000));
      return {
        payload: {
          grade: result.grade,
          score: result.score,
          overridden: result.overridden,
          visitEveryDays: config.visitEveryDays[result.grade],
          reviewOn,
        },
        timeline: { before: { riskGrade: child.risk_grade }, after: { riskGrade: result.grade } },
        stops: ['case.assessment', 'case.review'],
        after: async () => {
          await startClock(trx, rules, {
            ...clockFor(kase, lead, at),
            rule: 'case.review',
            duration: { days: config.reviewAfterDays[result.grade] },
          });
          const planned = await trx
            .selectFrom('case_actions')
            .select('seq')
            .where('case_id', '=', kase.id)
            .where('type', '=', 'assistance_plan')
            .executeTakeFirst();
          if (!planned)
            await startClock(trx, rules, {
              ...clockFor(kase, lead, at),
              rule: 'case.plan',
              duration: { workingDays: config.planWorkingDays },
            });
        },
      };
    }
    case 'assistance_plan':
      await requireOrganisations(
        trx,
        [...input.goals.map((g) => g.responsibleOrgId), ...input.benefitTasks.map((t) => t.responsibleOrgId)],
        'goals',
      );
      for (const id of new Set([
        ...input.goals.map((g) => g.responsibleOrgId),
        ...input.benefitTasks.map((t) => t.responsibleOrgId),
      ])) {
        await addCaseOrganisation(trx, kase, id, id === lead ? 'lead' : 'participant', at);
      }
      return { stops: ['case.plan'] };
    case 'guardianship_intervention': {
      const measure = input.intervention;
      if (measure.measure === 'temporary_state_guardianship' || measure.measure === 'long_term_state_guardianship')
        await placementEffects(trx, rules, kase, measure.placement, at);
      // Leaving the rescue station for a longer placement ends the stay limit.
      const stops =
        measure.measure === 'long_term_state_guardianship' ||
        (measure.measure === 'temporary_state_guardianship' && measure.placement.kind !== 'rescue_station')
          ? ['placement.rescue_station_stay']
          : [];
      return { stops };
    }
    case 'add_participant':
      await requireOrganisations(trx, [input.organisationId], 'organisationId');
      await addCaseOrganisation(trx, kase, input.organisationId, 'participant', at);
      return { stops: [] };
    case 'request_closure':
      return {
        stops: [],
        after: async () =>
          void (await startClock(trx, rules, {
            ...clockFor(kase, lead, at),
            rule: 'case.closure_approval',
            duration: { workingDays: config.closureApprovalWorkingDays },
          })),
      };
    case 'approve_closure': {
      const request = await trx
        .selectFrom('case_actions')
        .select('payload')
        .where('case_id', '=', kase.id)
        .where('type', '=', 'request_closure')
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      const outcome = (request?.payload as { outcome?: string } | undefined)?.outcome ?? null;
      await endCaseParticipations(trx, kase.id, at);
      return {
        payload: { outcome },
        stops: [
          'case.closure_approval',
          'case.review',
          'case.plan',
          'case.assessment',
          'placement.rescue_station_stay',
        ],
        // A closed case settles its reports: receivers that never acknowledged stay on record as missed.
        after: async (seq) => void (await stopClocks(trx, { reportsOfCase: kase.id, rules: 'every rule' }, at, seq)),
      };
    }
    case 'reject_closure':
      return { stops: ['case.closure_approval'] };
    case 'reopen':
      await restoreCaseParticipations(trx, kase, at);
      return {
        stops: [],
        after: async () =>
          void (await startClock(trx, rules, {
            ...clockFor(kase, lead, at),
            rule: 'case.assessment',
            duration: { workingDays: config.assessmentWorkingDays },
          })),
      };
  }
}

export async function stopCaseClocks(
  trx: Trx,
  caseId: string,
  rules: readonly string[],
  at: Date,
  seq: number,
): Promise<void> {
  await stopClocks(trx, { caseId, rules }, at, seq);
}
