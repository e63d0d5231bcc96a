import { startClock } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { lockSubject } from '../../core/workflow/log.js';
import { recordSystemAction } from '../../core/workflow/perform.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { requireCasePermission } from './guards.js';
import type { OpenCaseInput } from './model.js';
import { caseRules } from './rule-sections.js';
import { formatCaseNumber, initialCaseState } from './rules.js';
import { linkSiblingCases, openSiblingCasesOf } from './sibling-links.js';
import { requireSiblings } from './siblings.js';
import { addCaseOrganisation, nextCaseSerial, openCaseOfChild } from './store.js';
import { caseWorkflow } from './workflow.js';

export interface OpenedCase {
  caseId: string;
  /** True when the reports joined the child's case that was already open. */
  joined: boolean;
  /** The siblings' cases opened (or joined) with it and linked to it, in the order asked. */
  siblingCaseIds: string[];
}

interface Report {
  id: string;
  child_id: string | null;
  case_id: string | null;
}

/**
 * Opens a case from reports (or directly for a registered child); reports about a child with an
 * open case join it. Reports about several siblings of one household, or siblings named with the
 * child, open (or join) one case per child, linked as siblings (issue 17).
 */
export type OpenCaseCommand = Omit<OpenCaseInput, 'siblingChildIds'> & { siblingChildIds?: string[] };

export async function openCaseIn(uow: UnitOfWork, input: OpenCaseCommand, at: Date): Promise<OpenedCase> {
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
  const main = input.childId ?? reports.find((r) => r.child_id)?.child_id;
  if (!main)
    throw new DomainError('cases.child_required', 400, {}, [{ path: 'body.childId', code: 'cases.child_required' }]);
  const reportChildren = reports
    .filter((r) => r.child_id && r.child_id !== main)
    .map((r) => ({ childId: r.child_id!, path: `body.reportIds.${input.reportIds.indexOf(r.id)}` }));
  // Reports about children who are not one household's siblings cannot open cases together.
  await requireSiblings(trx, main, reportChildren, 'cases.children_differ');
  await requireSiblings(
    trx,
    main,
    (input.siblingChildIds ?? []).map((childId, index) => ({ childId, path: `body.siblingChildIds.${index}` })),
    'cases.not_siblings',
  );
  const children = [...new Set([main, ...reportChildren.map((c) => c.childId), ...(input.siblingChildIds ?? [])])];
  const opened: { caseId: string; joined: boolean }[] = [];
  for (const childId of children) {
    // A report naming no registered child goes with the child the case is opened for.
    const own = reports.filter((r) => (r.child_id ?? main) === childId);
    opened.push(await openForChild(uow, input, childId, own, at));
  }
  // The household siblings' cases already open (opened earlier, from another report or directly)
  // are linked too: the family's cases stay together however they were opened.
  const earlier = await openSiblingCasesOf(trx, children);
  const linked = [...opened.map((o) => o.caseId), ...earlier];
  if (new Set(linked).size > 1) await linkSiblingCases(uow, linked, at);
  return { ...opened[0]!, siblingCaseIds: opened.slice(1).map((o) => o.caseId) };
}

/** One child's case: its open case joined by the reports, or a new one. */
async function openForChild(
  uow: UnitOfWork,
  input: OpenCaseCommand,
  childId: string,
  reports: readonly Report[],
  at: Date,
): Promise<{ caseId: string; joined: boolean }> {
  const { trx, actor } = uow;
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
  const leadOrgId = input.leadOrganisationId ?? actor.organisationId!;
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
  for (const id of new Set([actor.organisationId!, ...input.participantIds]))
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

function foreignKeyProblem(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { code?: string }).code === '23503')
    return new DomainError('cases.reference_unknown', 400, {
      detail: String((error as { detail?: string }).detail ?? ''),
    });
  return error;
}
