import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { releaseCaseOrganisationIn } from '../cases/service.js';
import { type EndedReferral, hasOpenReferralFromIn, referralStatesIn } from '../referrals/service.js';
import './tables.js';

type Trx = Transaction<Database>;

/** Services of the case the organisation provides that are not settled yet (a completed referral settles one). */
async function openServicesOf(trx: Trx, caseId: string, organisationId: string): Promise<number> {
  const rows = await trx
    .selectFrom('case_services as s')
    .where(systemScope('services of a case the caller locked'))
    .innerJoin('case_service_actions as last', (join) =>
      join.onRef('last.case_service_id', '=', 's.id').onRef('last.seq', '=', 's.seq'),
    )
    .select(['s.id', 's.referral_id'])
    .where('s.case_id', '=', caseId)
    .where('s.provider_org_id', '=', organisationId)
    .where('last.status_after', 'in', ['planned', 'referred'])
    .execute();
  const referrals = await referralStatesIn(
    trx,
    rows.flatMap((r) => (r.referral_id ? [r.referral_id] : [])),
  );
  return rows.filter((r) => !(r.referral_id && referrals.get(r.referral_id)?.status === 'completed')).length;
}

/**
 * A former lead keeps its access only while it still takes part: a service of the plan it provides
 * and has not settled, or a referral of the case it sent that is still open.
 */
export async function formerLeadStillTakesPart(trx: Trx, caseId: string, organisationId: string): Promise<boolean> {
  return (
    (await openServicesOf(trx, caseId, organisationId)) > 0 ||
    (await hasOpenReferralFromIn(trx, caseId, organisationId))
  );
}

/** Once a former lead settles the last thing it did on the case, it leaves the case (and the child's file). */
export async function releaseFormerLeadWhenDone(
  uow: UnitOfWork,
  service: { caseId: string; providerOrgId: string },
  at: Date,
): Promise<void> {
  const handedOver = await uow.trx
    .selectFrom('case_lead_transfers as t')
    .where(systemScope('transfers of a case whose service or referral the workflow locked through its scope'))
    .innerJoin('case_lead_transfer_actions as last', (join) =>
      join.onRef('last.case_lead_transfer_id', '=', 't.id').onRef('last.seq', '=', 't.seq'),
    )
    .select(['t.id', 't.child_id'])
    .where('t.case_id', '=', service.caseId)
    .where('t.from_org_id', '=', service.providerOrgId)
    .where('last.status_after', '=', 'accepted')
    .orderBy('last.occurred_at', 'desc')
    .executeTakeFirst();
  if (!handedOver) return;
  if (await formerLeadStillTakesPart(uow.trx, service.caseId, service.providerOrgId)) return;
  if (!(await releaseCaseOrganisationIn(uow, service.caseId, service.providerOrgId, at))) return;
  // On the child's timeline under the transfer that kept it: the span of its access is visible in one place.
  await recordTimeline(uow.trx, uow.actor, {
    childId: handedOver.child_id,
    kind: 'case_lead_transfer.former_lead_released',
    entityType: 'case_lead_transfer',
    entityId: handedOver.id,
    occurredAt: at,
    details: { caseId: service.caseId, organisationId: service.providerOrgId },
  });
}

/** A referral of a case ended: a former lead that sent it, or provided through it, may have nothing left there. */
export async function releaseFormerLeadAfterReferral(
  uow: UnitOfWork,
  referral: EndedReferral,
  at: Date,
): Promise<void> {
  if (!referral.caseId) return;
  for (const organisationId of [referral.fromOrgId, referral.toOrgId])
    await releaseFormerLeadWhenDone(uow, { caseId: referral.caseId, providerOrgId: organisationId }, at);
}
