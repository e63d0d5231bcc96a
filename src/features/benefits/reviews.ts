import { startClock, stopClocks } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { lockSubject } from '../../core/workflow/log.js';
import { recordSystemAction } from '../../core/workflow/perform.js';
import { openApplicationStatuses } from '../../contract/benefits/vocabulary.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { childFileIn, supportedCategoriesIn } from '../registry/service.js';
import { benefitRules } from './rule-sections.js';
import { categoryOfType } from './rules.js';
import { applyForBenefitIn, benefitTypesFor } from './service.js';
import { applicationWorkflow } from './workflow.js';
import './review-messages.js';
import './tables.js';

/*
 * Benefits that follow from a confirmed fact: a 低保/特困 household starts the place's add-on for its
 * category; a fact that removes the basis of an approved benefit opens a review for the county (a
 * clock in working days), so the benefit never silently goes on. The county ends or keeps it.
 */

export const reviewRule = 'benefit.review';

/** Where a fact came from (a department's roll and row), kept with the review and shown to the county. */
export type ReviewCause = Record<string, string | number | null>;

/** The county's civil affairs bureau of a place decides reviews; else the organisation that confirmed the fact. */
async function countyBureau(uow: UnitOfWork, divisionCode: string): Promise<string | null> {
  const row = await uow.trx
    .selectFrom('organisations')
    .select('id')
    .where('active', '=', true)
    .where('kind', '=', 'civil_affairs_bureau')
    .where('division_code', '=', `${divisionCode.slice(0, 6)}000000`)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? uow.actor.organisationId;
}

/**
 * Opens applications for the place's benefit types of a category the child now has the basis for
 * (the 低保/特困 add-on), received today and recorded as from the department's data; one already
 * open or approved is left alone. Someone without `benefits.apply` opens nothing (the answer still
 * lists the benefits, for a colleague to apply).
 */
export async function startBenefitsOfCategoryIn(
  uow: UnitOfWork,
  input: { childId: string; category: string; applicantName: string; note: string },
  now: Date,
): Promise<{ applicationId: string; applicationNo: string; benefitType: string }[]> {
  if (!hasPermission(uow.actor, 'benefits.apply') || !uow.actor.organisationId) return [];
  const today = shanghaiDateOf(now);
  const file = await childFileIn(uow, input.childId);
  const { types } = await benefitTypesFor(uow.trx, file.hukouCode ?? file.residenceCode, today);
  const opened: { applicationId: string; applicationNo: string; benefitType: string }[] = [];
  for (const type of types.filter((t) => t.category === input.category && !t.national)) {
    const existing = await uow.trx
      .selectFrom('benefit_applications')
      .where(systemScope('the child was read through childInScope by childFileIn just above'))
      .select('id')
      .where('child_id', '=', input.childId)
      .where('benefit_type', '=', type.code)
      .where('status', 'in', ['approved', ...openApplicationStatuses])
      .executeTakeFirst();
    if (existing) continue;
    const applicationId = await applyForBenefitIn(
      uow,
      {
        childId: input.childId,
        benefitType: type.code,
        receivedOn: today,
        applicantKind: 'department_data',
        applicantName: input.applicantName,
        documents: [],
        note: input.note,
      },
      now,
    );
    const row = await uow.trx
      .selectFrom('benefit_applications')
      .where(systemScope('the application just opened'))
      .select('application_no')
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    opened.push({ applicationId, applicationNo: row.application_no, benefitType: type.code });
  }
  return opened;
}

/**
 * After a confirmed fact: every approved benefit of the child whose category the facts no longer
 * support gets a review (one open review per benefit), with the cause, a clock for the county and
 * an entry on the child's timeline. Returns the reviews opened.
 */
export async function reviewBenefitsOfChildIn(
  uow: UnitOfWork,
  input: { childId: string; cause: ReviewCause },
  now: Date,
): Promise<{ reviewId: string; applicationNo: string; benefitType: string }[]> {
  const { trx, actor } = uow;
  const today = shanghaiDateOf(now);
  const supported = new Set<string>(await supportedCategoriesIn(uow, input.childId, today));
  const approved = await trx
    .selectFrom('benefit_applications')
    .where(systemScope('the child was read through childInScope by supportedCategoriesIn just above'))
    .select(['id', 'application_no', 'benefit_type', 'division_code'])
    .where('child_id', '=', input.childId)
    .where('status', '=', 'approved')
    .execute();
  const opened: { reviewId: string; applicationNo: string; benefitType: string }[] = [];
  for (const application of approved) {
    const ruleSet = await ruleSetFor(trx, application.division_code, today);
    const rules = ruleSet.get(benefitRules);
    const category = categoryOfType(rules, application.benefit_type);
    if (!category || supported.has(category)) continue;
    const review = await trx
      .insertInto('benefit_reviews')
      .values({
        application_id: application.id,
        child_id: input.childId,
        division_code: application.division_code,
        category,
        cause: JSON.stringify(input.cause),
        opened_by_label: actor.label,
      })
      .onConflict((oc) => oc.column('application_id').where('status', '=', 'open').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!review) continue;
    const owner = await countyBureau(uow, application.division_code);
    if (owner)
      await startClock(trx, ruleSet, {
        rule: reviewRule,
        ownerOrgId: owner,
        subjectType: 'application',
        subjectId: application.id,
        childId: input.childId,
        divisionCode: application.division_code,
        startedAt: now,
        duration: { workingDays: rules.reviewWorkingDays },
      });
    await recordTimeline(trx, actor, {
      childId: input.childId,
      kind: 'benefit.review_opened',
      entityType: 'benefit_review',
      entityId: review.id,
      after: { applicationNo: application.application_no, benefitType: application.benefit_type, category },
      details: input.cause,
    });
    uow.audit({
      entityType: 'benefit_review',
      entityId: review.id,
      childId: input.childId,
      details: { applicationNo: application.application_no, category },
    });
    opened.push({
      reviewId: review.id,
      applicationNo: application.application_no,
      benefitType: application.benefit_type,
    });
  }
  return opened;
}

/** The open review locked for a decision, through the caller's scope (404 outside it). */
export async function lockReview(uow: UnitOfWork, id: string) {
  return uow.trx
    .selectFrom('benefit_reviews')
    .innerJoin('children', 'children.id', 'benefit_reviews.child_id')
    .innerJoin('benefit_applications', 'benefit_applications.id', 'benefit_reviews.application_id')
    .where(childInScope(uow.actor))
    .where('benefit_reviews.id', '=', id)
    .select([
      'benefit_reviews.id',
      'benefit_reviews.application_id',
      'benefit_reviews.child_id',
      'benefit_reviews.status',
      'benefit_reviews.version',
      'benefit_applications.application_no',
      'benefit_applications.received_on',
    ])
    .forUpdate('benefit_reviews')
    .executeTakeFirst();
}

/** Ends the reviewed benefit from a day (paid through that month) as the system's consequence of the review. */
export async function endReviewedBenefitIn(
  uow: UnitOfWork,
  review: { id: string; application_id: string },
  input: { endedOn: string; note: string },
  at: Date,
): Promise<void> {
  const subject = await lockSubject(uow.trx, uow.actor, applicationWorkflow, review.application_id);
  if (subject?.state.status !== 'approved') return;
  await recordSystemAction(uow, applicationWorkflow, subject, {
    type: 'end',
    payload: { reviewId: review.id, reason: 'other', exitedOn: input.endedOn, note: input.note },
    at,
  });
  await stopClocks(uow.trx, { subjectId: review.application_id, rules: 'every rule' }, at);
}

export const canDecideReviews = (actor: Actor) => hasPermission(actor, 'benefits.decide');
