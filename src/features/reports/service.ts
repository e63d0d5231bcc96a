import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { translate } from '../../platform/i18n/translate.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { performAction } from '../../core/workflow/perform.js';
import type { PublicReportInput, SubmitReportInput } from './model.js';
import { type RecordedReport, recordReport, type ReportValues } from './record.js';
import './messages.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recipientVisibleTo, reportVisibleTo } from './access.js';
import { recipientWorkflow } from './workflow.js';

type Db = Kysely<Database>;

export function valuesOfSubmission(
  actor: Actor,
  input: SubmitReportInput,
  reporterName: string | null,
  reporterOrgName: string | null,
): ReportValues {
  const base = {
    situations: [...new Set(input.situations)].sort(),
    description: input.description,
    childId: input.childId ?? null,
    unknownChild: input.unknownChild ?? null,
    divisionCode: input.divisionCode,
    address: input.address ?? null,
    immediateDanger: input.immediateDanger,
    attachments: input.attachments,
  };
  if (input.channel === 'hotline') {
    const caller = input.caller;
    return {
      ...base,
      channel: 'hotline',
      hotlineLine: input.line,
      reporter: caller.anonymous
        ? { anonymous: true }
        : {
            anonymous: false,
            name: caller.name ?? null,
            relationship: caller.relationship ?? null,
            phone: caller.callbackPhone ?? null,
          },
      reporterUserId: null,
      reporterOrgId: null,
      knewAt: null,
    };
  }
  return {
    ...base,
    channel: input.channel,
    hotlineLine: null,
    reporter: { anonymous: false, name: reporterName, organisationName: reporterOrgName },
    reporterUserId: actor.userId,
    reporterOrgId: actor.organisationId,
    knewAt: input.knewAt ? new Date(input.knewAt) : null,
  };
}

async function reporterNames(
  db: Db | UnitOfWork['trx'],
  actor: Actor,
): Promise<{ name: string | null; organisation: string | null }> {
  if (!actor.userId) return { name: null, organisation: null };
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.display_name', 'organisations.name'])
    .where('users.id', '=', actor.userId)
    .executeTakeFirst();
  return { name: row?.display_name ?? null, organisation: row?.name ?? null };
}

/** A report by a hotline operator, a mandated reporter or staff, signed in. */
export async function submitReportIn(uow: UnitOfWork, input: SubmitReportInput, at: Date): Promise<RecordedReport> {
  const names = await reporterNames(uow.trx, uow.actor);
  return recordReport(uow, valuesOfSubmission(uow.actor, input, names.name, names.organisation), at);
}

export async function submitReport(
  db: Db,
  actor: Actor,
  input: SubmitReportInput,
  idempotencyKey?: string,
): Promise<{ report: RecordedReport; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'report.submit',
    (uow) => submitReportIn(uow, input, new Date()),
    idempotencyKey ? { key: idempotencyKey, request: input } : undefined,
  );
  return { report: result, replayed };
}

/** The public page: anyone, anonymous allowed; only a reference number and a follow-up code come back. */
export async function submitPublicReport(
  db: Db,
  actor: Actor,
  input: PublicReportInput,
  idempotencyKey?: string,
): Promise<{ refNo: string; followUpCode: string; replayed: boolean }> {
  if (!input.divisionCode)
    throw new DomainError('reports.public_location_required', 400, {}, [
      { path: 'body.divisionCode', code: 'reports.public_location_required' },
    ]);
  if (!input.description)
    throw new DomainError('reports.public_description_required', 400, {}, [
      { path: 'body.description', code: 'reports.public_description_required' },
    ]);
  const { divisionCode, description } = input;
  const reporter = input.reporter.anonymous
    ? { anonymous: true }
    : {
        anonymous: false,
        name: input.reporter.name ?? null,
        relationship: input.reporter.relationship ?? null,
        phone: input.reporter.callbackPhone ?? null,
      };
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'report.submit_public',
    (uow) =>
      recordReport(
        uow,
        {
          channel: 'public',
          hotlineLine: null,
          situations: [...new Set(input.situations)].sort(),
          description,
          childId: null,
          unknownChild: input.childDescription ?? description.slice(0, 200),
          divisionCode,
          address: input.address ?? null,
          immediateDanger: input.immediateDanger,
          reporter,
          reporterUserId: null,
          reporterOrgId: null,
          knewAt: null,
          attachments: input.attachments,
        },
        new Date(),
      ),
    idempotencyKey ? { key: idempotencyKey, request: input } : undefined,
  );
  return { refNo: result.refNo, followUpCode: result.followUpCode, replayed };
}

/**
 * The caller's organisation acknowledges receipt (the `acknowledge` action of its copy, on the
 * workflow engine); its clock stops (met, or missed when late). Acknowledging again answers when it
 * was acknowledged and records nothing.
 */
export async function acknowledgeReportIn(
  uow: UnitOfWork,
  reportId: string,
  at: Date,
): Promise<{ acknowledgedAt: string; late: boolean }> {
  const { trx, actor } = uow;
  const recipient = actor.organisationId
    ? await trx
        .selectFrom('report_recipients')
        .where(recipientVisibleTo(actor))
        .select(['id', 'role'])
        .where('report_id', '=', reportId)
        .where('organisation_id', '=', actor.organisationId)
        .executeTakeFirst()
    : undefined;
  if (!recipient) throw notFound(translate(actor.locale, 'reports.entity'), reportId);
  // A matrix provider's copy is acted on only while the report is still the provider's to read.
  if (recipient.role === 'provider') {
    const readable = await trx
      .selectFrom('reports')
      .select('id')
      .where('id', '=', reportId)
      .where(reportVisibleTo(actor))
      .executeTakeFirst();
    if (!readable) throw notFound(translate(actor.locale, 'reports.entity'), reportId);
  }
  const outcome = await performAction(uow, recipientWorkflow, recipient.id, { type: 'acknowledge' }, at);
  if (!outcome.repeated) return { acknowledgedAt: at.toISOString(), late: outcome.payload.late === true };
  const row = await trx
    .selectFrom('report_recipients')
    .where(systemScope('the recipient row the engine just locked'))
    .select('acknowledged_at')
    .where('id', '=', recipient.id)
    .executeTakeFirstOrThrow();
  return { acknowledgedAt: (row.acknowledged_at ?? at).toISOString(), late: false };
}

export async function acknowledgeReport(
  db: Db,
  actor: Actor,
  reportId: string,
): Promise<{ acknowledgedAt: string; late: boolean }> {
  const { result } = await unitOfWork(db, actor, 'report.acknowledge', (uow) =>
    acknowledgeReportIn(uow, reportId, new Date()),
  );
  return result;
}
export { mandatedReportsBetween, reportFlowsBetween } from './insight-reads.js';
export type { ReportFlowCounts } from './insight-reads.js';
