import { startClock, stopClocks } from '../../core/clocks/index.js';
import { type ActionEffect, defineWorkflow, type Subject } from '../../core/workflow/definition.js';
import type { ApplicationActionInput } from '../../contract/benefits/applications.js';
import { applicationActionInputSchema } from '../../contract/benefits/applications.js';
import type { ApplicationAction, ApplicationStatus } from '../../contract/benefits/vocabulary.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { DomainError } from '../../platform/errors.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { childFileIn, confirmCategoryByDecisionIn } from '../registry/service.js';
import { matchApplication } from './matching.js';
import { readApplication } from './view.js';
import { benefitRules } from './rule-sections.js';
import { applicationStatusTable, categoryOfType, firstOfNextMonth, standardOn } from './rules.js';
import './messages.js';
import './tables.js';

export interface ApplicationFields {
  applicationNo: string;
  benefitType: string;
  divisionCode: string;
  receivedOn: string;
}
type Input = ApplicationActionInput | { type: 'receive' | 'end'; expectedSeq: number };
type Application = Subject<ApplicationStatus, ApplicationAction, ApplicationFields>;

export const verificationRule = 'benefit.verification';
export const decisionRule = 'benefit.decision';

const payloads = Object.fromEntries(applicationActionInputSchema.options.map((o) => [o.shape.type.value, o]));

/** Was the open clock of `rule` already past due at `at`? (A late step is allowed and recorded late.) */
async function lateFor(context: Parameters<ActionEffect<Application, Input>>[0], rule: string): Promise<boolean> {
  const clock = await context.uow.trx
    .selectFrom('clocks')
    .select('due_at')
    .where('subject_id', '=', context.subject.id)
    .where('rule', '=', rule)
    .where('state', 'in', ['running', 'paused'])
    .executeTakeFirst();
  return clock ? context.at.getTime() > clock.due_at.getTime() : false;
}

const stop =
  (context: Parameters<ActionEffect<Application, Input>>[0], rules: string[] | 'every rule') => async (seq: number) => {
    await stopClocks(context.uow.trx, { subjectId: context.subject.id, rules }, context.at, seq);
  };

function ownerOf(context: Parameters<ActionEffect<Application, Input>>[0]): string {
  const org = context.uow.actor.organisationId;
  if (!org) throw new DomainError('benefits.needs_organisation', 400);
  return org;
}

const effects: { [K in ApplicationAction]?: ActionEffect<Application, Extract<Input, { type: K }>> } = {
  verify: async (context) => {
    const { subject, at, uow } = context;
    const day = shanghaiDateOf(at);
    const ruleSet = await ruleSetFor(uow.trx, subject.divisionCode, day);
    const rules = ruleSet.get(benefitRules);
    const matching = matchApplication(
      await childFileIn(uow, subject.childId),
      categoryOfType(rules, subject.benefitType) ?? null,
      day,
    );
    const late = await lateFor(context, verificationRule);
    const owner = ownerOf(context);
    return {
      payload: { ...matching, late },
      timeline: { after: { flags: matching.flags, recommendation: context.input.recommendation } },
      after: async (seq) => {
        await stop(context, [verificationRule])(seq);
        await startClock(uow.trx, ruleSet, {
          rule: decisionRule,
          ownerOrgId: owner,
          subjectType: 'application',
          subjectId: subject.id,
          childId: subject.childId,
          divisionCode: subject.divisionCode,
          startedAt: at,
          duration: { workingDays: rules.decisionWorkingDays },
        });
      },
    };
  },
  approve: async (context) => {
    const { subject, at, uow } = context;
    const day = shanghaiDateOf(at);
    const ruleSet = await ruleSetFor(uow.trx, subject.divisionCode, day);
    const rules = ruleSet.get(benefitRules);
    const payFrom = firstOfNextMonth(day);
    const monthlyFen = standardOn(rules, subject.benefitType, payFrom);
    if (monthlyFen === null)
      throw new DomainError('benefits.standard_missing', 409, {
        benefit: subject.benefitType,
        place: subject.divisionCode,
        year: payFrom.slice(0, 4),
      });
    const category = categoryOfType(rules, subject.benefitType) ?? null;
    // The registry category the decision establishes is confirmed in the same transaction.
    const confirmed = category
      ? await confirmCategoryByDecisionIn(uow, {
          childId: subject.childId,
          category,
          evidence: `${subject.applicationNo} ${subject.benefitType}`,
          startDate: day,
        })
      : null;
    const late = await lateFor(context, decisionRule);
    return {
      payload: {
        late,
        payFrom,
        monthlyFen,
        rulesVersion: ruleSet.version,
        category,
        categoryConfirmed: confirmed?.changed ?? false,
      },
      timeline: { after: { payFrom, monthlyFen, category } },
      after: stop(context, [decisionRule]),
    };
  },
  refuse: async (context) => {
    const late = await lateFor(context, decisionRule);
    return {
      payload: { late },
      timeline: { after: { reasons: context.input.reasons } },
      after: stop(context, [decisionRule]),
    };
  },
  withdraw: async (context) => ({ after: stop(context, 'every rule') }),
  end: async (context) => ({ after: stop(context, 'every rule') }),
};

/** Benefit applications on the core workflow: scope lock, expectedSeq, status table, timeline, audit. */
export const applicationWorkflow = defineWorkflow<ApplicationStatus, ApplicationAction, Input, ApplicationFields>({
  ...applicationStatusTable,
  name: 'benefits',
  entity: 'benefit_application',
  log: {
    subjects: 'benefit_applications',
    actions: 'benefit_application_actions',
    subjectKey: 'application_id',
    fields: (row) => ({
      applicationNo: String(row.application_no),
      benefitType: String(row.benefit_type),
      divisionCode: String(row.division_code),
      receivedOn: String(row.received_on),
    }),
  },
  payloads,
  effects: effects as never,
  present: (trx, actor, id) => readApplication(trx, actor, id),
  describe: (application) => ({ applicationNo: application.applicationNo }),
});
