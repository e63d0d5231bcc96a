import type { Kysely } from 'kysely';
import type {
  IncidentList,
  IncidentListQuery,
  IncidentView,
  RecordIncidentInput,
  ReferForSupportInput,
} from '../../contract/incidents/views.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/append.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { caseChildIn } from '../cases/service.js';
import { requestReferralIn } from '../referrals/service.js';
import { incidentVisibleTo } from './access.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;

const refuse = (code: string, field: string, params: Record<string, string> = {}, where = 'body') =>
  new DomainError(code, 400, { field, ...params }, [{ path: `${where}.${field}`, code }]);

/**
 * Records an incident about a child in the recorder's scope, optionally linked to one of the
 * child's cases. Nothing goes on the child's timeline: the timeline is read by everyone who sees the
 * child, the incident only by those working the case.
 */
export async function recordIncidentIn(
  uow: UnitOfWork,
  input: RecordIncidentInput,
  at: Date,
): Promise<{ incidentId: string }> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'incidents.record')) throw forbidden('incidents.record');
  if (!actor.organisationId) throw new DomainError('incidents.needs_organisation', 400);
  const child = await trx
    .selectFrom('children')
    .select('id')
    .where('id', '=', input.childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'incidents.child_entity'), input.childId);
  if (input.caseId) {
    const kase = await caseChildIn(trx, actor, input.caseId);
    if (!kase) throw notFound(translate(actor.locale, 'incidents.case_entity'), input.caseId);
    if (kase.childId !== child.id) throw refuse('incidents.case_of_other_child', 'caseId');
  }
  if (input.occurredOn > shanghaiDateOf(at))
    throw refuse('incidents.in_future', 'occurredOn', { occurredOn: input.occurredOn });
  const row = await trx
    .insertInto('incidents')
    .values({
      child_id: child.id,
      case_id: input.caseId ?? null,
      harm_kind: input.harmKind,
      occurred_on: input.occurredOn,
      place: input.place,
      perpetrator_relation: input.perpetratorRelation,
      child_role: input.childRole,
      description: input.description && input.description.length > 0 ? input.description : null,
      recorded_by_user_id: actor.userId,
      recorded_by_org_id: actor.organisationId,
      recorded_label: actor.label,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  uow.audit({ entityType: 'incident', entityId: row.id, childId: child.id, details: { caseId: input.caseId ?? null } });
  return { incidentId: row.id };
}

export async function recordIncident(
  db: Db,
  actor: Actor,
  input: RecordIncidentInput,
  idempotencyKey?: string,
): Promise<{ view: IncidentView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'incident.record',
    (uow) => recordIncidentIn(uow, input, new Date()),
    idempotencyKey ? { key: `incident:${idempotencyKey}`, request: input } : undefined,
  );
  const [view] = (await listIncidentRows(db, actor, { id: result.incidentId })).map(toView);
  if (!view) throw notFound(translate(actor.locale, 'incidents.entity'), result.incidentId);
  return { view, replayed };
}

function listIncidentRows(db: Db, actor: Actor, where: IncidentListQuery & { id?: string }) {
  let q = db
    .selectFrom('incidents')
    .selectAll('incidents')
    .where(incidentVisibleTo(actor))
    .orderBy('incidents.occurred_on', 'desc')
    .orderBy('incidents.recorded_at', 'desc')
    .limit(500);
  if (where.id) q = q.where('incidents.id', '=', where.id);
  if (where.childId) q = q.where('incidents.child_id', '=', where.childId);
  if (where.caseId) q = q.where('incidents.case_id', '=', where.caseId);
  return q.execute();
}

type Row = Awaited<ReturnType<typeof listIncidentRows>>[number];
const toView = (row: Row): IncidentView => ({
  id: row.id,
  childId: row.child_id,
  caseId: row.case_id,
  harmKind: row.harm_kind as IncidentView['harmKind'],
  occurredOn: row.occurred_on,
  place: row.place,
  perpetratorRelation: row.perpetrator_relation as IncidentView['perpetratorRelation'],
  childRole: row.child_role as IncidentView['childRole'],
  description: row.description,
  recordedBy: row.recorded_label,
  recordedAt: row.recorded_at.toISOString(),
});

/**
 * A child's or a case's incidents and the juvenile victim/offender flags derived from them, for
 * those working the case (audited: it names a victim). A case's flags come from its child's
 * incidents, whichever case they were recorded under. Anyone else gets an empty list and no flags.
 */
export async function listIncidents(db: Db, actor: Actor, query: IncidentListQuery): Promise<IncidentList> {
  if (!hasPermission(actor, 'incidents.read')) throw forbidden('incidents.read');
  if (!query.childId && !query.caseId) throw refuse('incidents.child_or_case', 'childId', {}, 'query');
  let childId = query.childId;
  if (query.caseId) {
    const kase = await caseChildIn(db, actor, query.caseId);
    if (!kase) throw notFound(translate(actor.locale, 'incidents.case_entity'), query.caseId);
    if (childId && childId !== kase.childId) return { items: [], flags: { victim: false, offender: false } };
    childId = kase.childId;
  }
  const rows = await listIncidentRows(db, actor, { childId });
  const items = rows.filter((row) => !query.caseId || row.case_id === query.caseId || row.case_id === null);
  if (rows.length > 0)
    await recordAudit(db, actor, {
      action: 'incidents.read',
      entityType: 'child',
      entityId: childId,
      childId,
      details: { incidents: rows.length },
    });
  return {
    items: items.map(toView),
    flags: {
      victim: rows.some((row) => row.child_role === 'victim'),
      offender: rows.some((row) => row.child_role === 'offender'),
    },
  };
}

/**
 * Victim support (legal aid, medical, psychological) or community-correction follow-up for the
 * child of an incident: a referral through the referrals feature, sharing the child's identity
 * (and the case summary when the incident has a case).
 */
export async function referForSupportIn(
  uow: UnitOfWork,
  incidentId: string,
  input: ReferForSupportInput,
  at: Date,
): Promise<{ referralId: string }> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'incidents.read')) throw forbidden('incidents.read');
  const incident = await trx
    .selectFrom('incidents')
    .select(['incidents.child_id', 'incidents.case_id'])
    .where('incidents.id', '=', incidentId)
    .where(incidentVisibleTo(actor))
    .executeTakeFirst();
  if (!incident) throw notFound(translate(actor.locale, 'incidents.entity'), incidentId);
  const { referralId } = await requestReferralIn(
    uow,
    {
      childId: incident.child_id,
      caseId: incident.case_id ?? undefined,
      toOrganisationId: input.toOrganisationId,
      service: input.service,
      shares: incident.case_id ? ['identity', 'case_summary'] : ['identity'],
      documentIds: [],
      reason: input.reason,
      consent: {
        guardian: input.guardianConsent,
        child: input.childConsent,
        ...(input.waiverReason ? { waiverReason: input.waiverReason } : {}),
      },
    },
    at,
  );
  return { referralId };
}

export async function referForSupport(
  db: Db,
  actor: Actor,
  incidentId: string,
  input: ReferForSupportInput,
  idempotencyKey?: string,
): Promise<{ referralId: string; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'incident.refer',
    (uow) => referForSupportIn(uow, incidentId, input, new Date()),
    idempotencyKey ? { key: `incident-refer:${incidentId}:${idempotencyKey}`, request: input } : undefined,
  );
  return { referralId: result.referralId, replayed };
}
