import type { ServiceDue, TransferWaiting } from '../../contract/case-network/views.js';
import type { ServiceStatus } from '../../contract/case-network/vocabulary.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { childPartVisibleTo } from '../../core/scope/need-to-know.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import { referralStatesIn } from '../referrals/service.js';
import './tables.js';

const limit = 50;

/**
 * Open services my organisation answers for: those it provides, and those of cases it leads (the
 * lead refers them and sees them through), soonest due first — a service whose referral completed
 * is delivered and leaves the list. A provider that sees the child only through a referral without
 * the case summary does not find them here (its referral is in its referrals section).
 */
export const caseServicesDue: InboxContribution<ServiceDue> = {
  section: 'caseServices',
  async collect({ db, actor, now }) {
    if (!actor.organisationId || !hasPermission(actor, 'cases.read')) return [];
    const rows = await db
      .selectFrom('case_services as s')
      .innerJoin('case_service_actions as last', (join) =>
        join.onRef('last.case_service_id', '=', 's.id').onRef('last.seq', '=', 's.seq'),
      )
      .innerJoin('cases', 'cases.id', 's.case_id')
      .innerJoin('children', 'children.id', 's.child_id')
      .select([
        's.id',
        's.case_id',
        'cases.case_no',
        'children.name',
        's.service',
        'last.status_after',
        's.due_on',
        's.referral_id',
      ])
      .where('last.status_after', 'in', ['planned', 'referred'])
      .where((eb) =>
        eb.or([eb('s.provider_org_id', '=', actor.organisationId), eb('cases.lead_org_id', '=', actor.organisationId)]),
      )
      .where(childInScope(actor))
      // Need-to-know: each item opens the case's plan, which a referral without the case summary does not share.
      .where(childPartVisibleTo(actor, 'case_summary'))
      .orderBy('s.due_on')
      .limit(limit)
      .execute();
    const referrals = await referralStatesIn(
      db,
      rows.flatMap((r) => (r.referral_id ? [r.referral_id] : [])),
    );
    const today = shanghaiDateOf(now);
    return rows
      .filter((r) => !(r.referral_id && referrals.get(r.referral_id)?.status === 'completed'))
      .map((r) => ({
        serviceId: r.id,
        caseId: r.case_id,
        caseNo: r.case_no,
        childName: r.name,
        service: r.service as ServiceCode,
        status: r.status_after as ServiceStatus,
        dueOn: String(r.due_on),
        overdue: String(r.due_on) < today,
      }));
  },
  isOverdue: (item) => item.overdue,
};

/** Transfers of a case's lead waiting for my organisation's answer, oldest first. */
export const leadTransfersWaiting: InboxContribution<TransferWaiting> = {
  section: 'leadTransfers',
  async collect({ db, actor }) {
    if (!actor.organisationId || !hasPermission(actor, 'cases.act')) return [];
    const rows = await db
      .selectFrom('case_lead_transfers as t')
      .innerJoin('cases', 'cases.id', 't.case_id')
      .innerJoin('organisations as f', 'f.id', 't.from_org_id')
      .select(['t.id', 't.case_id', 'cases.case_no', 'f.name', 't.created_at'])
      .where('t.to_org_id', '=', actor.organisationId)
      .where('t.waiting', '=', true)
      .where(systemScope("transfers sent to the actor's own organisation (it answers before it sees the child)"))
      .orderBy('t.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      transferId: r.id,
      caseId: r.case_id,
      caseNo: r.case_no,
      fromOrganisation: r.name,
      requestedAt: r.created_at.toISOString(),
    }));
  },
  isOverdue: () => false,
};
