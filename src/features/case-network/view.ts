import type { Kysely, Transaction } from 'kysely';
import type { CasePlanServices, LeadTransfer, PlannedService } from '../../contract/case-network/views.js';
import type {
  ServiceStatus,
  ServiceUserAction,
  TransferStatus,
  TransferUserAction,
} from '../../contract/case-network/vocabulary.js';
import type { OrganisationKind } from '../../contract/organisations/kinds.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { fileAccessOf } from '../../core/scope/participation.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { actionsOfStatus } from '../../core/workflow/rules.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { caseLeadIn } from '../cases/service.js';
import { referralStatesIn } from '../referrals/service.js';
import { transferVisibleTo } from './access.js';
import { serviceStatusTable, transferSideOf, transferStatusTable } from './rules.js';
import './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A subject's log as the answers show it (services and transfers alike). */
function historyOf<T extends string, S extends string>(
  log: readonly { seq: number; type: T; status_after: S; actor_label: string; occurred_at: Date }[],
) {
  return log.map((l) => ({
    seq: l.seq,
    type: l.type,
    statusAfter: l.status_after,
    actorLabel: l.actor_label,
    occurredAt: l.occurred_at.toISOString(),
  }));
}

async function servicesOf(
  db: Db,
  actor: Actor,
  caseId: string,
  leadOrgId: string,
  now: Date,
): Promise<PlannedService[]> {
  const rows = await db
    .selectFrom('case_services as s')
    .where(systemScope('services of the case read through childInScope just before'))
    .innerJoin('organisations as o', 'o.id', 's.provider_org_id')
    .select([
      's.id',
      's.case_id',
      's.seq',
      's.service',
      's.response_days',
      's.due_on',
      's.note',
      's.referral_id',
      'o.id as provider_id',
      'o.name as provider_name',
      'o.kind as provider_kind',
    ])
    .where('s.case_id', '=', caseId)
    .orderBy('s.created_at')
    .execute();
  const logs =
    rows.length === 0
      ? []
      : await db
          .selectFrom('case_service_actions')
          .where(systemScope('the log of services listed just above'))
          .select(['case_service_id', 'seq', 'type', 'status_after', 'actor_label', 'occurred_at', 'payload'])
          .where(
            'case_service_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('seq')
          .execute();
  const referrals = await referralStatesIn(
    db,
    rows.flatMap((r) => (r.referral_id ? [r.referral_id] : [])),
  );
  const today = shanghaiDateOf(now);
  return rows.map((row) => {
    const log = logs.filter((l) => l.case_service_id === row.id);
    const last = log.at(-1);
    const referral = row.referral_id ? referrals.get(row.referral_id) : undefined;
    let status: ServiceStatus = last?.status_after ?? 'planned';
    let settledOn: string | null = null;
    let reason: string | null = null;
    if (last?.type === 'deliver') settledOn = String(last.payload.deliveredOn ?? '');
    if (last?.type === 'not_deliver') {
      settledOn = String(last.payload.decidedOn ?? '');
      reason = String(last.payload.reason ?? '');
    }
    // Derived: a referral that completed delivered the service, on the day it completed.
    if (status === 'referred' && referral?.completedAt) {
      status = 'delivered';
      settledOn = shanghaiDateOf(referral.completedAt);
    }
    const open = status === 'planned' || status === 'referred';
    const side = actor.organisationId === leadOrgId || actor.organisationId === row.provider_id;
    const allowed = (
      hasPermission(actor, 'cases.act') && side && open ? actionsOfStatus(serviceStatusTable, status) : []
    ).filter(
      (a): a is ServiceUserAction =>
        a !== 'plan' &&
        // Only the lead refers, and only a service another organisation provides.
        (a !== 'refer' || (actor.organisationId === leadOrgId && row.provider_id !== leadOrgId)),
    );
    return {
      id: row.id,
      caseId: row.case_id,
      seq: row.seq,
      service: row.service as ServiceCode,
      provider: { id: row.provider_id, name: row.provider_name, kind: row.provider_kind as OrganisationKind },
      route: row.provider_id === leadOrgId && !row.referral_id ? 'lead' : 'referral',
      responseDays: row.response_days,
      dueOn: String(row.due_on),
      note: row.note,
      status,
      referralId: row.referral_id,
      referralStatus: referral?.status ?? null,
      settledOn,
      notDeliveredReason: reason,
      overdue: open && String(row.due_on) < today,
      allowedActions: allowed,
      history: historyOf(log),
    };
  });
}

/** Lead transfers, with the actions the asker's organisation may take on each (by its side). */
export async function transfersWhere(
  db: Db,
  actor: Actor,
  filter: { caseId: string } | { toOrgId: string; waitingOnly: true },
): Promise<LeadTransfer[]> {
  let query = db
    .selectFrom('case_lead_transfers')
    .where(transferVisibleTo(actor))
    .innerJoin('cases', 'cases.id', 'case_lead_transfers.case_id')
    .innerJoin('organisations as f', 'f.id', 'case_lead_transfers.from_org_id')
    .innerJoin('organisations as r', 'r.id', 'case_lead_transfers.to_org_id')
    .select([
      'case_lead_transfers.id',
      'case_lead_transfers.case_id',
      'cases.case_no',
      'case_lead_transfers.seq',
      'case_lead_transfers.reason',
      'case_lead_transfers.created_at',
      'f.id as from_id',
      'f.name as from_name',
      'f.kind as from_kind',
      'r.id as to_id',
      'r.name as to_name',
      'r.kind as to_kind',
    ])
    .orderBy('case_lead_transfers.created_at', 'desc');
  query =
    'caseId' in filter
      ? query.where('case_lead_transfers.case_id', '=', filter.caseId)
      : query
          .where('case_lead_transfers.to_org_id', '=', filter.toOrgId)
          .where('case_lead_transfers.waiting', '=', true);
  const rows = await query.execute();
  const logs =
    rows.length === 0
      ? []
      : await db
          .selectFrom('case_lead_transfer_actions')
          .where(systemScope('the log of transfers listed just above'))
          .select(['case_lead_transfer_id', 'seq', 'type', 'status_after', 'actor_label', 'occurred_at', 'payload'])
          .where(
            'case_lead_transfer_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('seq')
          .execute();
  return rows.map((row) => {
    const log = logs.filter((l) => l.case_lead_transfer_id === row.id);
    const last = log.at(-1);
    const status: TransferStatus = last?.status_after ?? 'requested';
    const allowed = hasPermission(actor, 'cases.act')
      ? (actionsOfStatus(transferStatusTable, status) as TransferUserAction[]).filter((a) =>
          transferSideOf[a] === 'receiver' ? actor.organisationId === row.to_id : actor.organisationId === row.from_id,
        )
      : [];
    const decided = status === 'requested' ? undefined : last;
    return {
      id: row.id,
      caseId: row.case_id,
      caseNo: row.case_no,
      seq: row.seq,
      from: { id: row.from_id, name: row.from_name, kind: row.from_kind as OrganisationKind },
      to: { id: row.to_id, name: row.to_name, kind: row.to_kind as OrganisationKind },
      reason: row.reason,
      status,
      requestedAt: row.created_at.toISOString(),
      decidedAt: decided ? decided.occurred_at.toISOString() : null,
      decisionReason: decided && typeof decided.payload.reason === 'string' ? decided.payload.reason : null,
      allowedActions: allowed,
      history: historyOf(log),
    };
  });
}

/**
 * The case plan's services, the review (delivered against planned) and the lead transfers, for
 * whoever sees the case through the child's scope (else 404). Audited unless told otherwise.
 *
 * Need-to-know (issue 15): the plan is part of the case, so a reader whose only access to the child
 * is a referral that does not share the case summary gets 404, as `GET /api/cases/:id` answers it.
 * With the case summary it sees where the case stands, not what the lead planned with others: only
 * the services its own organisation provides (its tasks), the review counted over those, no lead
 * transfer (the family's moves and reasons) and nothing to plan.
 */
export async function readCasePlan(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  options: { audit: boolean } = { audit: true },
  now = new Date(),
): Promise<CasePlanServices> {
  const kase = await caseLeadIn(db, actor, caseId);
  const access = kase ? await fileAccessOf(db, actor, kase.childId) : null;
  if (!kase || !access || (access !== 'whole' && !access.has('case_summary'))) {
    if (options.audit)
      await recordAudit(db, actor, {
        action: 'case_services.read',
        entityType: 'case',
        entityId: caseId,
        outcome: 'denied',
        details: { reason: kase ? 'not_shared' : 'not_found_or_out_of_scope' },
      });
    throw notFound(translate(actor.locale, 'caseNetwork.case_entity'), caseId);
  }
  const narrowed = access !== 'whole';
  const planned = await servicesOf(db, actor, caseId, kase.leadOrgId, now);
  const services = narrowed ? planned.filter((s) => s.provider.id === actor.organisationId) : planned;
  const child = await db
    .selectFrom('children')
    .select('residence_code')
    .where('id', '=', kase.childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  const transfers = narrowed ? [] : await transfersWhere(db, actor, { caseId });
  if (options.audit)
    await recordAudit(db, actor, {
      action: 'case_services.read',
      entityType: 'case',
      entityId: caseId,
      childId: kase.childId,
      ...(narrowed ? { details: { shared: [...access] } } : {}),
    });
  const leads =
    !narrowed &&
    actor.organisationId === kase.leadOrgId &&
    hasPermission(actor, 'cases.act') &&
    kase.status !== 'closed';
  return {
    caseId,
    leadOrganisationId: kase.leadOrgId,
    divisionCode: child?.residence_code ?? '',
    services,
    review: {
      planned: services.length,
      delivered: services.filter((s) => s.status === 'delivered').length,
      notDelivered: services.filter((s) => s.status === 'not_delivered').length,
      open: services.filter((s) => s.status === 'planned' || s.status === 'referred').length,
      overdue: services.filter((s) => s.overdue).length,
    },
    transfers,
    canPlan: leads,
    canTransfer: leads && !transfers.some((t) => t.status === 'requested'),
    ownServicesOnly: narrowed,
  };
}

/** Transfers of a case's lead waiting for my organisation's answer (the receiver may not see the child yet). */
export async function incomingTransfers(db: Kysely<Database>, actor: Actor): Promise<LeadTransfer[]> {
  if (!actor.organisationId || !hasPermission(actor, 'cases.read')) return [];
  return transfersWhere(db, actor, { toOrgId: actor.organisationId, waitingOnly: true });
}
