import type { Kysely } from 'kysely';
import type { SuspensionView } from '../../../contract/benefits/payments.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { systemScope } from '../../../core/scope/system-scope.js';
import { recordTimeline } from '../../../core/timeline.js';
import { type Actor, hasPermission } from '../../../platform/access/actor.js';
import type { Database } from '../../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/translate.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;

async function approvedApplication(uow: UnitOfWork, applicationId: string) {
  const row = await uow.trx
    .selectFrom('benefit_applications as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(uow.actor))
    .where('a.id', '=', applicationId)
    .select(['a.id', 'a.child_id', 'a.status', 'a.application_no'])
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(translate(uow.actor.locale, 'benefits.entity'), applicationId);
  return row;
}

function viewOf(row: Database['benefit_payment_suspensions'] extends infer T ? Record<keyof T, unknown> : never) {
  return {
    id: String(row.id),
    applicationId: String(row.application_id),
    fromMonth: String(row.from_month).slice(0, 7),
    reason: String(row.reason),
    suspendedBy: String(row.suspended_by_label),
    resumeMonth: row.resume_month ? String(row.resume_month).slice(0, 7) : null,
    payArrears: row.pay_arrears === null ? null : Boolean(row.pay_arrears),
    liftNote: row.lift_note ? String(row.lift_note) : null,
  } satisfies SuspensionView;
}

/** An application's suspensions, oldest first, for a caller who has read the application through childInScope. */
export async function suspensionsOf(db: Db, applicationId: string): Promise<SuspensionView[]> {
  const rows = await db
    .selectFrom('benefit_payment_suspensions')
    .where(systemScope('suspensions of an application the caller has just read through childInScope'))
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('suspended_at')
    .execute();
  return rows.map(viewOf);
}

/** Withholds an approved benefit's payments from a month on (one open suspension per benefit). */
export async function suspendPaymentsIn(
  uow: UnitOfWork,
  applicationId: string,
  input: { fromMonth: string; reason: string },
  now: Date,
): Promise<SuspensionView> {
  if (!hasPermission(uow.actor, 'benefits.decide')) throw forbidden('benefits.decide');
  const application = await approvedApplication(uow, applicationId);
  if (application.status !== 'approved')
    throw new DomainError('benefits.not_approved', 409, { status: application.status });
  const open = await uow.trx
    .selectFrom('benefit_payment_suspensions')
    .where(systemScope('suspensions of an application locked through childInScope just above'))
    .select('from_month')
    .where('application_id', '=', applicationId)
    .where('resume_month', 'is', null)
    .executeTakeFirst();
  if (open) throw new DomainError('benefits.suspension_open', 409, { fromMonth: open.from_month.slice(0, 7) });
  const row = await uow.trx
    .insertInto('benefit_payment_suspensions')
    .values({
      application_id: applicationId,
      child_id: application.child_id,
      from_month: `${input.fromMonth}-01`,
      reason: input.reason,
      suspended_by: uow.actor.userId,
      suspended_by_label: uow.actor.label,
      suspended_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordTimeline(uow.trx, uow.actor, {
    childId: application.child_id,
    kind: 'benefit_payment.suspended',
    occurredAt: now,
    entityType: 'benefit_application',
    entityId: applicationId,
    reason: input.reason,
    after: { applicationNo: application.application_no, fromMonth: input.fromMonth },
  });
  uow.audit({ entityType: 'benefit_payment_suspension', entityId: row.id, childId: application.child_id });
  return viewOf(row);
}

/** Pays again from a month; the withheld months are paid in arrears by the next run, or forfeited. */
export async function liftSuspensionIn(
  uow: UnitOfWork,
  suspensionId: string,
  input: { resumeMonth: string; payArrears: boolean; note?: string | undefined },
  now: Date,
): Promise<SuspensionView> {
  if (!hasPermission(uow.actor, 'benefits.decide')) throw forbidden('benefits.decide');
  const found = await uow.trx
    .selectFrom('benefit_payment_suspensions')
    .where(systemScope('only the application id; the application is read through childInScope next'))
    .select(['application_id'])
    .where('id', '=', suspensionId)
    .executeTakeFirst();
  if (!found) throw notFound(translate(uow.actor.locale, 'benefits.suspension_entity'), suspensionId);
  const application = await approvedApplication(uow, found.application_id);
  const suspension = await uow.trx
    .selectFrom('benefit_payment_suspensions')
    .where(systemScope('the suspension of an application locked through childInScope just above'))
    .selectAll()
    .where('id', '=', suspensionId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (suspension.resume_month !== null) throw new DomainError('benefits.suspension_not_open', 409);
  const resumeMonth = `${input.resumeMonth}-01`;
  if (resumeMonth < suspension.from_month)
    throw new DomainError(
      'benefits.suspension_resume_before',
      400,
      { resumeMonth: input.resumeMonth, fromMonth: suspension.from_month.slice(0, 7) },
      [{ path: 'body.resumeMonth', code: 'benefits.suspension_resume_before' }],
    );
  const row = await uow.trx
    .updateTable('benefit_payment_suspensions')
    .set({
      resume_month: resumeMonth,
      pay_arrears: input.payArrears,
      lift_note: input.note ?? null,
      lifted_by: uow.actor.userId,
      lifted_by_label: uow.actor.label,
      lifted_at: now,
    })
    .where('id', '=', suspensionId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordTimeline(uow.trx, uow.actor, {
    childId: application.child_id,
    kind: 'benefit_payment.resumed',
    occurredAt: now,
    entityType: 'benefit_application',
    entityId: application.id,
    reason: input.note ?? null,
    after: { applicationNo: application.application_no, resumeMonth: input.resumeMonth, payArrears: input.payArrears },
  });
  uow.audit({ entityType: 'benefit_payment_suspension', entityId: suspensionId, childId: application.child_id });
  return viewOf(row);
}

export async function suspendPayments(
  db: Db,
  actor: Actor,
  applicationId: string,
  input: { fromMonth: string; reason: string },
): Promise<SuspensionView> {
  const { result } = await unitOfWork(db, actor, 'benefit_payment.suspend', (uow) =>
    suspendPaymentsIn(uow, applicationId, input, new Date()),
  );
  return result;
}

export async function liftSuspension(
  db: Db,
  actor: Actor,
  suspensionId: string,
  input: { resumeMonth: string; payArrears: boolean; note?: string | undefined },
): Promise<SuspensionView> {
  const { result } = await unitOfWork(db, actor, 'benefit_payment.resume', (uow) =>
    liftSuspensionIn(uow, suspensionId, input, new Date()),
  );
  return result;
}
