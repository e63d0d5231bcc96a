import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { translate } from '../../platform/i18n/translate.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { startClock } from '../../core/clocks/index.js';
import { lockSubject } from '../../core/workflow/log.js';
import { performAction, recordSystemAction } from '../../core/workflow/perform.js';
import { requireCasePermission } from './guards.js';
import { joinOpenCase } from './join.js';
import { type CaseLead, caseLeadOf, handOverLead, type LeadHandOver, releaseOrganisation } from './lead.js';
import type { ActionInput, CaseView, OpenCaseInput } from './model.js';
import { caseRules } from './rule-sections.js';
import { formatCaseNumber, initialCaseState } from './rules.js';
import { addCaseOrganisation, nextCaseSerial, openCaseOfChild } from './store.js';
import { readCase } from './view.js';
import { caseWorkflow } from './workflow.js';
import { systemScope } from '../../core/scope/system-scope.js';

type Db = Kysely<Database>;

export interface OpenedCase {
  caseId: string;
  /** True when the reports joined the child's case that was already open. */
  joined: boolean;
}

/** Opens a case from reports (or directly for a registered child); reports about a child with an open case join it. */
export async function openCaseIn(uow: UnitOfWork, input: OpenCaseInput, at: Date): Promise<OpenedCase> {
  const { trx, actor } = uow;
  requireCasePermission(actor, 'cases.act');
  if (!actor.organisationId) throw new DomainError('cases.needs_organisation', 400);
  const reports =
    input.reportIds.length > 0
      ? await trx
          .selectFrom('reports')
          .where(systemScope("reports sent to the actor's own organisation"))
          .leftJoin('report_recipients as rr', (join) =>
            join.onRef('rr.report_id', '=', 'reports.id').on('rr.organisation_id', '=', actor.organisationId),
          )
          .select(['reports.id', 'reports.child_id', 'reports.case_id', 'rr.id as recipient'])
          .where('reports.id', 'in', input.reportIds)
          .execute()
      : [];
  for (const id of input.reportIds) {
    const report = reports.find((r) => r.id === id);
    // Only a receiver opens a case from a report; for anyone else the report does not exist.
    if (!report?.recipient) throw notFound(translate(actor.locale, 'reports.entity'), id);
  }
  const childIds = new Set(
    [input.childId, ...reports.map((r) => r.child_id)].filter((id): id is string => typeof id === 'string'),
  );
  if (childIds.size === 0)
    throw new DomainError('cases.child_required', 400, {}, [{ path: 'body.childId', code: 'cases.child_required' }]);
  if (childIds.size > 1)
    throw new DomainError('cases.children_differ', 400, {}, [
      { path: 'body.reportIds', code: 'cases.children_differ' },
    ]);
  const childId = [...childIds][0]!;
  const child = await trx
    .selectFrom('children')
    .select(['id', 'residence_code'])
    .where('id', '=', childId)
    .where(childInScope(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'cases.child_entity'), childId);
  const existing = await openCaseOfChild(trx, childId);
  if (existing) {
    const kase = (await lockSubject(trx, actor, caseWorkflow, existing))!;
    let state = kase.state;
    for (const report of reports.filter((r) => r.case_id !== existing)) {
      await trx
        .updateTable('reports')
        .where(systemScope('reports read just above'))
        .set({ case_id: existing, child_id: childId })
        .where('id', '=', report.id)
        .execute();
      state = await recordSystemAction(
        uow,
        caseWorkflow,
        { ...kase, state },
        { type: 'report_joined', payload: { reportId: report.id }, at },
      );
    }
    uow.audit({
      entityType: 'case',
      entityId: existing,
      childId,
      details: { joinedReports: reports.map((r) => r.id) },
    });
    return { caseId: existing, joined: true };
  }
  const leadOrgId = input.leadOrganisationId ?? actor.organisationId;
  const serial = await nextCaseSerial(trx);
  const caseNo = formatCaseNumber(Number(shanghaiDateOf(at).slice(0, 4)), serial);
  const inserted = await trx
    .insertInto('cases')
    .values({
      case_no: caseNo,
      serial,
      child_id: childId,
      division_code: child.residence_code,
      lead_org_id: leadOrgId,
      manager_user_id: input.managerUserId ?? actor.userId,
      opened_at: at,
      opened_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw foreignKeyProblem(error);
    });
  const kase = { id: inserted.id, childId };
  await addCaseOrganisation(trx, kase, leadOrgId, 'lead', at);
  for (const id of new Set([actor.organisationId, ...input.participantIds]))
    if (id !== leadOrgId)
      await addCaseOrganisation(trx, kase, id, 'participant', at).catch((error: unknown) => {
        throw foreignKeyProblem(error);
      });
  if (reports.length > 0)
    await trx
      .updateTable('reports')
      .where(systemScope('reports read just above'))
      .set({ case_id: inserted.id, child_id: childId })
      .where(
        'id',
        'in',
        reports.map((r) => r.id),
      )
      .execute();
  await recordSystemAction(
    uow,
    caseWorkflow,
    { ...kase, state: initialCaseState },
    {
      type: 'open',
      payload: { reportIds: reports.map((r) => r.id), reason: input.reason ?? null, leadOrganisationId: leadOrgId },
      at,
    },
  );
  const rules = await ruleSetFor(trx, child.residence_code, shanghaiDateOf(at));
  await startClock(trx, rules, {
    rule: 'case.assessment',
    ownerOrgId: leadOrgId,
    subjectType: 'case',
    subjectId: inserted.id,
    caseId: inserted.id,
    childId,
    divisionCode: child.residence_code,
    startedAt: at,
    duration: { workingDays: rules.get(caseRules).assessmentWorkingDays },
  });
  uow.audit({
    entityType: 'case',
    entityId: inserted.id,
    childId,
    details: { caseNo, reports: reports.map((r) => r.id), lead: leadOrgId },
  });
  return { caseId: inserted.id, joined: false };
}

/**
 * A new report about a child with an open case joins that case (the reports feature calls this as
 * it records a report): recorded as the system's `report_joined` action, needing no case permission
 * of the reporter. Answers the case's id, or null when the child has no open case.
 */
export async function joinOpenCaseIn(
  uow: UnitOfWork,
  childId: string,
  reportId: string,
  at: Date,
): Promise<string | null> {
  return joinOpenCase(uow, childId, reportId, at);
}

function foreignKeyProblem(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { code?: string }).code === '23503')
    return new DomainError('cases.reference_unknown', 400, {
      detail: String((error as { detail?: string }).detail ?? ''),
    });
  return error;
}

export async function openCase(
  db: Db,
  actor: Actor,
  input: OpenCaseInput,
  idempotencyKey?: string,
): Promise<{ view: CaseView; joined: boolean; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'case.open',
    (uow) => openCaseIn(uow, input, new Date()),
    idempotencyKey ? { key: idempotencyKey, request: input } : undefined,
  );
  return { view: await readCase(db, actor, result.caseId), joined: result.joined, replayed };
}

/**
 * One action on a case, run by the workflow engine: permission, the case through the scope, the
 * version the caller saw (a stale one is a 409 with the current case), the status table (a
 * disallowed action is a 409 naming what is allowed), four eyes, effects, then the append.
 */
export async function actOnCaseIn(
  uow: UnitOfWork,
  caseId: string,
  input: ActionInput,
  at: Date,
): Promise<{ seq: number }> {
  const { seq } = await performAction(uow, caseWorkflow, caseId, input, at);
  return { seq };
}

export async function actOnCase(
  db: Db,
  actor: Actor,
  caseId: string,
  input: ActionInput,
  idempotencyKey?: string,
): Promise<{ view: CaseView; replayed: boolean }> {
  // Clocks stop when the action is recorded, never at a time the caller claims.
  const at = new Date();
  // The answer is read in the change's own transaction (before its COMMIT): the action's audit
  // entry covers it, so there is no second entry, chain lock and WAL flush for reading it after.
  let view: CaseView | undefined;
  const { replayed } = await unitOfWork(
    db,
    actor,
    `case.${input.type}`,
    async (uow) => {
      const done = await actOnCaseIn(uow, caseId, input, at);
      view = await readCase(uow.trx, actor, caseId);
      return done;
    },
    idempotencyKey ? { key: `${caseId}:${idempotencyKey}`, request: input } : undefined,
  );
  // A replayed request answers with the case as it is now, read (and audited) as a read.
  return { view: replayed || !view ? await readCase(db, actor, caseId) : view, replayed };
}

/**
 * The child of a case the actor sees (through the child's scope), for another feature linking to
 * the case (a referral made from a case); undefined when the case is missing or out of scope.
 */
export async function caseChildIn(
  db: Db | Transaction<Database>,
  actor: Actor,
  caseId: string,
): Promise<{ caseId: string; childId: string; caseNo: string } | undefined> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .select(['cases.id', 'cases.child_id', 'cases.case_no'])
    .where('cases.id', '=', caseId)
    .where(childInScope(actor))
    .executeTakeFirst();
  return row ? { caseId: row.id, childId: row.child_id, caseNo: row.case_no } : undefined;
}

export type { CaseLead, LeadHandOver };

/** A case through the child's scope with its lead, status and working organisations (another feature plans on it). */
export async function caseLeadIn(
  db: Db | Transaction<Database>,
  actor: Actor,
  caseId: string,
): Promise<CaseLead | undefined> {
  return caseLeadOf(db, actor, caseId);
}

/** The case's lead moves to the organisation that accepted the transfer (see `lead.ts`). */
export async function handOverCaseLeadIn(uow: UnitOfWork, handOver: LeadHandOver, at: Date): Promise<void> {
  await handOverLead(uow, handOver, at);
}

/** An organisation kept on the case only for work it has now finished leaves it (never the lead); true when it left now. */
export async function releaseCaseOrganisationIn(
  uow: UnitOfWork,
  caseId: string,
  organisationId: string,
  at: Date,
): Promise<boolean> {
  return releaseOrganisation(uow, caseId, organisationId, at);
}
export { closureTimesBetween, openCasesAt, revocationsBetween } from './insight-reads.js';
