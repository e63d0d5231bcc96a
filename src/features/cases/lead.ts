import type { Kysely, Transaction } from 'kysely';
import { systemActor, type Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { lockSubject } from '../../core/workflow/log.js';
import { recordSystemAction } from '../../core/workflow/perform.js';
import type { CaseStatus } from './rules.js';
import { addCaseOrganisation, removeCaseOrganisation } from './store.js';
import { caseWorkflow } from './workflow.js';

type Trx = Transaction<Database>;

/** A case as another feature needs it to plan services or hand the lead over. */
export interface CaseLead {
  caseId: string;
  childId: string;
  caseNo: string;
  leadOrgId: string;
  divisionCode: string;
  status: CaseStatus;
  /** The organisations working the case now (the lead among them). */
  organisationIds: string[];
}

/** The case through the child's scope (undefined when missing or out of scope). */
export async function caseLeadOf(
  db: Kysely<Database> | Trx,
  actor: Actor,
  caseId: string,
): Promise<CaseLead | undefined> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .innerJoin('case_actions as last', (join) =>
      join.onRef('last.case_id', '=', 'cases.id').onRef('last.seq', '=', 'cases.seq'),
    )
    .select([
      'cases.id',
      'cases.child_id',
      'cases.case_no',
      'cases.lead_org_id',
      'cases.division_code',
      'last.status_after',
    ])
    .where('cases.id', '=', caseId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!row) return undefined;
  const organisations = await db
    .selectFrom('case_organisations')
    .where(systemScope('the case read just above through childInScope'))
    .select('organisation_id')
    .where('case_id', '=', caseId)
    .where('left_at', 'is', null)
    .execute();
  return {
    caseId: row.id,
    childId: row.child_id,
    caseNo: row.case_no,
    leadOrgId: row.lead_org_id,
    divisionCode: row.division_code,
    status: row.status_after as CaseStatus,
    organisationIds: organisations.map((o) => o.organisation_id),
  };
}

export interface LeadHandOver {
  caseId: string;
  fromOrgId: string;
  toOrgId: string;
  /** The former lead still takes part (a service it provides, a referral it sent): it stays a participant. */
  formerLeadStays: boolean;
  transferId: string;
}

/**
 * The lead of a case moves to another organisation (its accepted transfer): the case's lead, the
 * new lead's participation, the former lead's participation ended unless it still takes part, and
 * `lead_transferred` on the case's log (so every earlier `expectedSeq` is stale). The receiver may
 * not see the child before this, so the case is locked by the transfer's authority, not the
 * receiver's scope: the caller has locked the accepted transfer through its parties.
 */
export async function handOverLead(uow: UnitOfWork, handOver: LeadHandOver, at: Date): Promise<void> {
  const { trx } = uow;
  const kase = await lockSubject(trx, systemActor('lead transfer'), caseWorkflow, handOver.caseId);
  if (!kase) throw new DomainError('cases.lead_changed', 409, { caseNo: '' });
  if (kase.leadOrgId !== handOver.fromOrgId) throw new DomainError('cases.lead_changed', 409, { caseNo: kase.caseNo });
  if (kase.state.status === 'closed') throw new DomainError('cases.lead_case_closed', 409, { caseNo: kase.caseNo });
  await trx
    .updateTable('cases')
    .where(systemScope('the case locked just above for the accepted transfer'))
    .set({ lead_org_id: handOver.toOrgId })
    .where('id', '=', kase.id)
    .execute();
  await addCaseOrganisation(trx, kase, handOver.toOrgId, 'lead', at);
  for (const [organisationId, role] of [
    [handOver.toOrgId, 'lead'],
    [handOver.fromOrgId, 'participant'],
  ] as const)
    await trx
      .updateTable('case_organisations')
      .where(systemScope('the case locked just above for the accepted transfer'))
      .set({ role })
      .where('case_id', '=', kase.id)
      .where('organisation_id', '=', organisationId)
      .execute();
  if (!handOver.formerLeadStays) await removeCaseOrganisation(trx, kase.id, handOver.fromOrgId, at);
  await recordSystemAction(uow, caseWorkflow, kase, {
    type: 'lead_transferred',
    payload: {
      fromOrganisationId: handOver.fromOrgId,
      toOrganisationId: handOver.toOrgId,
      transferId: handOver.transferId,
      formerLeadStays: handOver.formerLeadStays,
    },
    at,
  });
}

/**
 * An organisation that stayed on the case only for what it still did there (a former lead with a
 * service to deliver) leaves it once that is done; the lead never does.
 */
export async function releaseOrganisation(
  uow: UnitOfWork,
  caseId: string,
  organisationId: string,
  at: Date,
): Promise<boolean> {
  const { trx } = uow;
  const kase = await trx
    .selectFrom('cases')
    .where(systemScope('a case whose service the caller locked through childInScope'))
    .select(['id', 'lead_org_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!kase || kase.lead_org_id === organisationId) return false;
  return removeCaseOrganisation(trx, caseId, organisationId, at);
}
