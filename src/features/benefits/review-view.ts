import { type Kysely, sql } from 'kysely';
import type { BenefitReview, ReviewDecision } from '../../contract/benefits/reviews.js';
import { stopClocks } from '../../core/clocks/index.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { conflict, DomainError, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { endReviewedBenefitIn, lockReview, reviewRule } from './reviews.js';
import './messages.js';
import './review-messages.js';
import './tables.js';

type Db = Kysely<Database>;

/** Reviews in my scope (every one of an application, or the open ones for my work), the clock's deadline beside each. */
async function reviewsWhere(
  db: Db,
  actor: Actor,
  where: { applicationId?: string; open?: boolean; id?: string },
  now: Date,
): Promise<BenefitReview[]> {
  let query = db
    .selectFrom('benefit_reviews as r')
    .innerJoin('children', 'children.id', 'r.child_id')
    .innerJoin('benefit_applications as a', 'a.id', 'r.application_id')
    .where(childInScope(actor))
    .select([
      'r.id',
      'r.application_id',
      'a.application_no',
      'a.benefit_type',
      'r.child_id',
      'children.name as child_name',
      'r.category',
      'r.cause',
      'r.status',
      'r.opened_by_label',
      'r.opened_at',
      'r.decided_by_label',
      'r.decided_at',
      'r.decision_note',
      'r.ended_on',
      'r.version',
      sql<Date | null>`CASE WHEN r.status = 'open' THEN (SELECT c.due_at FROM clocks c WHERE c.subject_id = r.application_id
        AND c.rule = ${reviewRule} AND c.state IN ('running', 'paused') ORDER BY c.started_at DESC LIMIT 1) END`.as(
        'due_at',
      ),
    ])
    .orderBy('r.opened_at', 'desc')
    .limit(200);
  if (where.applicationId) query = query.where('r.application_id', '=', where.applicationId);
  if (where.id) query = query.where('r.id', '=', where.id);
  if (where.open) query = query.where('r.status', '=', 'open');
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    applicationId: row.application_id,
    applicationNo: row.application_no,
    benefitType: row.benefit_type,
    childId: row.child_id,
    childName: row.child_name,
    category: row.category,
    cause: row.cause as BenefitReview['cause'],
    status: row.status,
    openedBy: row.opened_by_label,
    openedAt: row.opened_at.toISOString(),
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    overdue: row.due_at ? now.getTime() > new Date(row.due_at).getTime() : false,
    decidedBy: row.decided_by_label,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    decisionNote: row.decision_note,
    endedOn: row.ended_on,
    version: row.version,
  }));
}

/** The reviews of one application (its page): an application outside my scope lists nothing. */
export const reviewsOfApplication = (db: Db, actor: Actor, applicationId: string, now = new Date()) =>
  reviewsWhere(db, actor, { applicationId }, now);

/** "My work": open reviews of benefits of children in my scope, for those who decide benefits (the county). */
export const benefitReviewsWaiting: InboxContribution<BenefitReview> = {
  section: 'benefitReviews',
  async collect({ db, actor, now }) {
    if (!hasPermission(actor, 'benefits.decide')) return [];
    return reviewsWhere(db, actor, { open: true }, now);
  },
  isOverdue: (item) => item.overdue,
};

/**
 * The county decides a review at the version it saw: `end` ends the benefit (paid through the
 * month of `endedOn`), `keep` records why it goes on; either stops the review's clock.
 */
export async function decideReview(
  db: Db,
  actor: Actor,
  id: string,
  input: ReviewDecision,
  now = new Date(),
): Promise<BenefitReview> {
  if (!hasPermission(actor, 'benefits.decide')) throw forbidden('benefits.decide');
  const today = shanghaiDateOf(now);
  await unitOfWork(db, actor, `benefit_review.${input.decision}`, async (uow) => {
    const review = await lockReview(uow, id);
    if (!review) throw notFound(translate(actor.locale, 'benefits.review_entity'), id);
    if (review.status !== 'open')
      throw conflict('benefits.review_decided', {
        status: translate(actor.locale, `benefits.review.${review.status}`),
      });
    if (review.version !== input.version) throw staleVersion('benefit_review', id, review.version);
    const endedOn = input.endedOn ?? today;
    if (input.decision === 'end' && (endedOn > today || endedOn < review.received_on))
      throw new DomainError('benefits.review_date', 400, { date: endedOn, today }, [
        { path: 'body.endedOn', code: 'benefits.review_date' },
      ]);
    if (input.decision === 'end') await endReviewedBenefitIn(uow, review, { endedOn, note: input.note }, now);
    await uow.trx
      .updateTable('benefit_reviews')
      .where(systemScope('the review locked through childInScope just above'))
      .where('id', '=', id)
      .set({
        status: input.decision === 'end' ? 'ended' : 'kept',
        decided_by: actor.userId,
        decided_by_label: actor.label,
        decided_at: now,
        decision_note: input.note,
        ended_on: input.decision === 'end' ? endedOn : null,
        version: review.version + 1,
      })
      .execute();
    await stopClocks(uow.trx, { subjectId: review.application_id, rules: [reviewRule] }, now);
    await recordTimeline(uow.trx, actor, {
      childId: review.child_id,
      kind: 'benefit.review_decided',
      reason: input.note,
      entityType: 'benefit_review',
      entityId: id,
      after: {
        decision: input.decision,
        applicationNo: review.application_no,
        endedOn: input.decision === 'end' ? endedOn : null,
      },
    });
    uow.audit({
      entityType: 'benefit_review',
      entityId: id,
      childId: review.child_id,
      details: { decision: input.decision },
    });
  });
  const [view] = await reviewsWhere(db, actor, { id }, now);
  return view!;
}
