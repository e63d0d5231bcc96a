import { type Kysely, sql } from 'kysely';
import type {
  ApplicationActionInput,
  ApplicationView,
  ApplyInput,
  RecordedApply,
} from '../../contract/benefits/applications.js';
import { nationalBenefitTypes, openApplicationStatuses } from '../../contract/benefits/vocabulary.js';
import type { ChildExitInput, ChildExitView } from '../../contract/registry/exit.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { lockSubject } from '../../core/workflow/log.js';
import { performAction, recordSystemAction } from '../../core/workflow/perform.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { exitChildIn } from '../registry/service.js';
import { benefitRules } from './rule-sections.js';
import { categoryOfType, isNationalType, standardOn } from './rules.js';
import { readApplication } from './view.js';
import { applicationWorkflow, verificationRule } from './workflow.js';
import './error-details.js';

type Db = Kysely<Database>;

const dateProblem = (path: string, code: string, params: Record<string, string>) =>
  new DomainError(code, 400, params, [{ path, code }]);

/** The moment an action dated by staff took place: noon of that day in China, or now when it is today. */
function momentOf(occurredOn: string | undefined, now: Date): Date {
  if (!occurredOn || occurredOn === shanghaiDateOf(now)) return now;
  return new Date(`${occurredOn}T12:00:00+08:00`);
}

/**
 * Records an application received by the township on the date staff enter: the child through the
 * caller's scope (404 outside it), one open application per child and benefit (409 naming the
 * open one), the benefit type as the place's rules know it, and the township's verification clock
 * counted in working days from the day received.
 */
export async function applyForBenefitIn(uow: UnitOfWork, input: RecordedApply, now: Date): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'benefits.apply')) throw forbidden('benefits.apply');
  if (!actor.organisationId) throw new DomainError('benefits.needs_organisation', 400);
  const child = await trx
    .selectFrom('children')
    .select(['id', 'residence_code', 'hukou_code', 'status'])
    .where('id', '=', input.childId)
    .where(childInScope(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'benefits.child_entity'), input.childId);
  if (child.status !== 'active') throw new DomainError('benefits.child_not_active', 409, { status: child.status });
  const today = shanghaiDateOf(now);
  if (input.receivedOn > today)
    throw dateProblem('body.receivedOn', 'benefits.date_in_future', { date: input.receivedOn, today });
  // The township of the child's household registration decides (户籍地), else of residence.
  const divisionCode = child.hukou_code ?? child.residence_code;
  const ruleSet = await ruleSetFor(trx, divisionCode, input.receivedOn);
  const rules = ruleSet.get(benefitRules);
  if (categoryOfType(rules, input.benefitType) === undefined)
    throw dateProblem('body.benefitType', 'benefits.type_unknown', { benefit: input.benefitType });
  const open = await trx
    .selectFrom('benefit_applications')
    .where(systemScope('applications of the child locked through childInScope just above'))
    .select(['id', 'application_no', 'status'])
    .where('child_id', '=', input.childId)
    .where('benefit_type', '=', input.benefitType)
    .where('status', 'in', [...openApplicationStatuses])
    .executeTakeFirst();
  if (open)
    throw new DomainError(
      'benefits.application_open',
      409,
      { applicationNo: open.application_no, benefit: input.benefitType },
      { openApplicationId: open.id, applicationNo: open.application_no, status: open.status },
    );
  const serial = await sql<{ n: string }>`SELECT nextval('benefit_application_no_seq')::text AS n`.execute(trx);
  const applicationNo = `BZ${input.receivedOn.slice(0, 4)}-${serial.rows[0]!.n.padStart(6, '0')}`;
  const row = await trx
    .insertInto('benefit_applications')
    .values({
      application_no: applicationNo,
      child_id: input.childId,
      benefit_type: input.benefitType,
      division_code: divisionCode,
      received_on: input.receivedOn,
      applicant_kind: input.applicantKind,
      applicant_name: input.applicantName,
      applicant_relation: input.applicantRelation ?? null,
      documents: input.documents,
      rules_version: ruleSet.version,
      created_by: actor.userId,
      created_org_id: actor.organisationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const startedAt = new Date(`${input.receivedOn}T09:00:00+08:00`);
  await recordSystemAction(
    uow,
    applicationWorkflow,
    { id: row.id, childId: input.childId, state: { status: 'received', seq: 0, previous: null, lastBy: {} } },
    {
      type: 'receive',
      payload: { benefitType: input.benefitType, receivedOn: input.receivedOn, note: input.note ?? null },
      at: startedAt,
    },
  );
  await startClock(trx, ruleSet, {
    rule: verificationRule,
    ownerOrgId: actor.organisationId,
    ownerUserId: actor.userId,
    subjectType: 'application',
    subjectId: row.id,
    childId: input.childId,
    divisionCode,
    startedAt,
    duration: { workingDays: rules.verificationWorkingDays },
  });
  uow.audit({
    entityType: 'benefit_application',
    entityId: row.id,
    childId: input.childId,
    details: { applicationNo },
  });
  return row.id;
}

export async function applyForBenefit(
  db: Db,
  actor: Actor,
  input: ApplyInput,
  idempotencyKey?: string,
): Promise<{ view: ApplicationView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'benefit_application.receive',
    (uow) => applyForBenefitIn(uow, input, new Date()),
    idempotencyKey ? { key: idempotencyKey, request: input } : undefined,
  );
  return { view: await readApplication(db, actor, result), replayed };
}

/**
 * One action on an application through the workflow engine. A step dated by staff (`occurredOn`,
 * the date on the paper decision) stops its clock on that day — late if after the deadline, which
 * is allowed and recorded late; the log keeps when it was typed in as well.
 */
export async function actOnApplicationIn(
  uow: UnitOfWork,
  id: string,
  input: ApplicationActionInput,
  now: Date,
): Promise<void> {
  const at = momentOf(input.occurredOn, now);
  if (input.occurredOn) {
    const today = shanghaiDateOf(now);
    if (input.occurredOn > today)
      throw dateProblem('body.occurredOn', 'benefits.date_in_future', { date: input.occurredOn, today });
    const subject = await lockSubject(uow.trx, uow.actor, applicationWorkflow, id);
    if (subject && input.occurredOn < subject.receivedOn)
      throw dateProblem('body.occurredOn', 'benefits.date_before_received', {
        date: input.occurredOn,
        receivedOn: subject.receivedOn,
      });
  }
  await performAction(uow, applicationWorkflow, id, input, at);
}

export async function actOnApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: ApplicationActionInput,
  idempotencyKey?: string,
): Promise<{ view: ApplicationView; replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    `benefit_application.${input.type}`,
    (uow) => actOnApplicationIn(uow, id, input, new Date()),
    idempotencyKey ? { key: `${id}:${idempotencyKey}`, request: input } : undefined,
  );
  return { view: await readApplication(db, actor, id), replayed };
}

/**
 * A child leaves the registry (registry use case) and every approved benefit ends with it, open
 * applications are withdrawn by the system: one unit of work.
 */
export async function leaveRegistryIn(
  uow: UnitOfWork,
  childId: string,
  input: ChildExitInput,
  now: Date,
): Promise<{ exitId: string; recordedAt: Date; ended: string[] }> {
  if (!hasPermission(uow.actor, 'children.exit')) throw forbidden('children.exit');
  const exit = await exitChildIn(uow, { childId, ...input });
  const applications = await uow.trx
    .selectFrom('benefit_applications')
    .where(systemScope('applications of the child exitChildIn locked through childInScope'))
    .select(['id', 'status', 'application_no'])
    .where('child_id', '=', childId)
    .where('status', 'in', ['approved', ...openApplicationStatuses])
    .execute();
  const at = momentOf(input.exitedOn, now);
  for (const application of applications) {
    const subject = (await lockSubject(uow.trx, uow.actor, applicationWorkflow, application.id))!;
    await recordSystemAction(uow, applicationWorkflow, subject, {
      type: application.status === 'approved' ? 'end' : 'withdraw',
      payload: { exitId: exit.exitId, reason: input.reason, exitedOn: input.exitedOn },
      at,
    });
    await stopClocks(uow.trx, { subjectId: application.id, rules: 'every rule' }, at);
  }
  return { ...exit, ended: applications.map((a) => a.application_no) };
}

export async function exitChild(
  db: Db,
  actor: Actor,
  childId: string,
  input: ChildExitInput,
  idempotencyKey?: string,
): Promise<ChildExitView> {
  if (!hasPermission(actor, 'children.exit')) throw forbidden('children.exit');
  const { result } = await unitOfWork(
    db,
    actor,
    'child.exit',
    (uow) => leaveRegistryIn(uow, childId, input, new Date()),
    idempotencyKey ? { key: `exit:${childId}:${idempotencyKey}`, request: input } : undefined,
  );
  return {
    id: result.exitId,
    childId,
    reason: input.reason,
    exitedOn: input.exitedOn,
    note: input.note ?? null,
    recordedBy: actor.label,
    recordedAt: new Date(result.recordedAt).toISOString(),
    endedApplications: result.ended,
  };
}

/** The benefit types a place knows on a date (national and local), with their standard and deadlines. */
export async function benefitTypesFor(db: Db, divisionCode: string, date: string) {
  const rules = (await ruleSetFor(db, divisionCode, date)).get(benefitRules);
  const national = nationalBenefitTypes.map((code) => ({
    code,
    national: true,
    zh: translate('zh-CN', `benefits.type.${code}`),
    en: translate('en', `benefits.type.${code}`),
    category: categoryOfType(rules, code) ?? null,
    monthlyFen: standardOn(rules, code, date),
  }));
  const local = rules.localTypes
    .filter((t) => !isNationalType(t.code))
    .map((t) => ({
      code: t.code,
      national: false,
      zh: t.zh,
      en: t.en,
      category: t.category,
      monthlyFen: standardOn(rules, t.code, date),
    }));
  return {
    verificationWorkingDays: rules.verificationWorkingDays,
    decisionWorkingDays: rules.decisionWorkingDays,
    types: [...national, ...local],
  };
}

// Payments and renewals are use cases of this feature too (the demo and other callers reach them here).
export { runPayments, runPaymentsIn } from './payments/run.js';
export { liftSuspensionIn, suspendPaymentsIn } from './payments/suspensions.js';
export { actOnRenewalIn, sweepRenewalsIn } from './renewals.js';
export { reviewBenefitsOfChildIn, startBenefitsOfCategoryIn } from './reviews.js';

/** Benefit payments for a month (YYYY-MM) for the insight snapshots: per paying division, children paid and fen. */
export async function benefitPaymentsFor(
  db: Db,
  month: string,
): Promise<{ divisionCode: string; children: number; amountFen: number }[]> {
  const { rows } = await sql<{ divisionCode: string; children: number; amountFen: number }>`
    SELECT r.division_code AS "divisionCode", count(DISTINCT l.child_id)::int AS children, sum(l.amount_fen)::float8 AS "amountFen"
    FROM benefit_payment_lines l JOIN benefit_payment_runs r ON r.id = l.run_id
    WHERE l.for_month = ${`${month}-01`}::date GROUP BY 1`.execute(db);
  return rows;
}
