import type { Kysely, Transaction } from 'kysely';
import { type Actor, hasPermission } from '../../../platform/access/actor.js';
import { recordAudit } from '../../../platform/audit/append.js';
import type { Database } from '../../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../../platform/db/unit-of-work.js';
import { conflict, DomainError, forbidden, notFound, staleVersion } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/translate.js';
import { childInScope } from '../../../core/scope/child-scope.js';
import { systemScope } from '../../../core/scope/system-scope.js';
import { recordTimeline } from '../../../core/timeline.js';
import { confirmIdentityIn } from '../../registry/service.js';
import {
  addLeadSchema,
  closeTracingSchema,
  confirmIdentitySchema,
  decideLeadSchema,
  openTracingSchema,
  type TracingView,
} from '../model.js';
import { readTracing } from './view.js';
import './tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const requestNotFound = (actor: Actor, id: string) => notFound(translate(actor.locale, 'tracing.entity'), id);

function requireAct(actor: Actor): void {
  if (!hasPermission(actor, 'placements.act')) throw forbidden('placements.act');
}

/** The request, locked for a change: through the child's scope (else 404), not closed, at the version seen. */
async function lockRequest(trx: Trx, actor: Actor, id: string, expectedVersion: number) {
  const visible = await trx
    .selectFrom('tracing_requests as t')
    .innerJoin('children', 'children.id', 't.child_id')
    .where(childInScope(actor))
    .select('t.id')
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!visible) throw requestNotFound(actor, id);
  const row = await trx
    .selectFrom('tracing_requests')
    .where(systemScope('the request read through childInScope just above'))
    .select(['id', 'child_id', 'status', 'version', 'matched_lead_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.status === 'closed') throw conflict('tracing.closed');
  if (row.version !== expectedVersion) throw staleVersion(translate(actor.locale, 'tracing.entity'), id, row.version);
  return row;
}

async function bump(trx: Trx, id: string, set: Record<string, unknown>) {
  await trx
    .updateTable('tracing_requests')
    .where(systemScope('the request locked through childInScope'))
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

async function run<T>(
  db: Db,
  actor: Actor,
  action: string,
  work: (uow: UnitOfWork) => Promise<T>,
  idempotency?: { key: string; request: unknown },
): Promise<{ result: T; replayed: boolean }> {
  return unitOfWork(db, actor, action, work, idempotency);
}

async function answer(db: Db, actor: Actor, id: string): Promise<TracingView> {
  const view = await readTracing(db, actor, id);
  if (!view) throw requestNotFound(actor, id);
  return view;
}

/**
 * Opens a tracing request for a child whose identity is unknown (no ID number on the file), kept
 * by the asker's institution. One active request per child (a unique index; a second is a 409).
 */
export async function openTracingIn(uow: UnitOfWork, body: unknown, at: Date): Promise<string> {
  const { trx, actor } = uow;
  requireAct(actor);
  const input = openTracingSchema.parse(body);
  const child = await trx
    .selectFrom('children')
    .select(['id', 'haven_code', 'id_number'])
    .where('id', '=', input.childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'placements.child_entity'), input.childId);
  if (child.id_number !== null) throw conflict('tracing.already_identified', { havenCode: child.haven_code });
  if (new Date(input.foundAt).getTime() > at.getTime())
    throw new DomainError('placements.in_future', 400, { field: 'body.foundAt', at: input.foundAt }, [
      { path: 'body.foundAt', code: 'placements.in_future', params: { at: input.foundAt } },
    ]);
  const row = await trx
    .insertInto('tracing_requests')
    .values({
      child_id: child.id,
      organisation_id: actor.organisationId,
      provisional_code: child.haven_code,
      found_at: input.foundAt,
      found_place: input.foundPlace,
      known: JSON.stringify({
        statedName: input.known.statedName ?? null,
        statedAge: input.known.statedAge ?? null,
        dialect: input.known.dialect ?? null,
        statements: input.known.statements ?? null,
      }),
      description: input.description,
      opened_by: actor.userId,
      opened_by_label: actor.label,
      opened_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw conflict('tracing.already_open');
      throw error;
    });
  await recordTimeline(trx, actor, {
    childId: child.id,
    kind: 'tracing.opened',
    entityType: 'tracing_request',
    entityId: row.id,
    after: { foundPlace: input.foundPlace, foundAt: input.foundAt },
  });
  uow.audit({ entityType: 'tracing_request', entityId: row.id, childId: child.id });
  return row.id;
}

export async function openTracing(db: Db, actor: Actor, body: unknown, idempotencyKey?: string) {
  const { result, replayed } = await run(
    db,
    actor,
    'tracing.open',
    (uow) => openTracingIn(uow, body, new Date()),
    idempotencyKey ? { key: `tracing:${idempotencyKey}`, request: body } : undefined,
  );
  return { view: await answer(db, actor, result), replayed };
}

/** A trace or lead: where it came from, what it says, the family it points to. */
export async function addLeadIn(uow: UnitOfWork, id: string, body: unknown, at: Date): Promise<string> {
  const { trx, actor } = uow;
  requireAct(actor);
  const input = addLeadSchema.parse(body);
  const request = await lockRequest(trx, actor, id, input.expectedVersion);
  const lead = await trx
    .insertInto('tracing_leads')
    .values({
      request_id: id,
      source: input.source,
      summary: input.summary,
      family: JSON.stringify(
        input.family
          ? {
              name: input.family.name,
              relationship: input.family.relationship,
              phone: input.family.phone ?? null,
              divisionCode: input.family.divisionCode ?? null,
              address: input.family.address ?? null,
            }
          : null,
      ),
      recorded_by: actor.userId,
      recorded_by_label: actor.label,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bump(trx, id, {});
  await recordTimeline(trx, actor, {
    childId: request.child_id,
    kind: 'tracing.lead',
    entityType: 'tracing_request',
    entityId: id,
    after: { source: input.source, summary: input.summary },
  });
  uow.audit({ entityType: 'tracing_request', entityId: id, childId: request.child_id, details: { lead: lead.id } });
  return lead.id;
}

export async function addLead(db: Db, actor: Actor, id: string, body: unknown, idempotencyKey?: string) {
  const { replayed } = await run(
    db,
    actor,
    'tracing.lead',
    (uow) => addLeadIn(uow, id, body, new Date()),
    idempotencyKey ? { key: `tracing:${id}:${idempotencyKey}`, request: body } : undefined,
  );
  return { view: await answer(db, actor, id), replayed };
}

/** A lead ruled out, or matched to the family (the request is then matched, waiting for the identity). */
export async function decideLeadIn(uow: UnitOfWork, id: string, leadId: string, body: unknown, at: Date) {
  const { actor } = uow;
  requireAct(actor);
  const input = decideLeadSchema.parse(body);
  const request = await lockRequest(uow.trx, actor, id, input.expectedVersion);
  const lead = await uow.trx
    .selectFrom('tracing_leads')
    .where(systemScope('a lead of the request locked through childInScope'))
    .select(['id', 'status', 'family'])
    .where('id', '=', leadId)
    .where('request_id', '=', id)
    .executeTakeFirst();
  if (!lead) throw notFound(translate(actor.locale, 'tracing.lead_entity'), leadId);
  if (lead.status !== 'open') throw conflict('tracing.lead_decided', { status: lead.status });
  if (input.decision === 'matched' && !lead.family) throw conflict('tracing.match_needs_family');
  if (input.decision === 'matched' && request.status !== 'open')
    throw conflict('tracing.already_matched', { status: request.status });
  await uow.trx
    .updateTable('tracing_leads')
    .where(systemScope('a lead of the request locked through childInScope'))
    .set({
      status: input.decision,
      decision_note: input.note,
      decided_by: actor.userId,
      decided_by_label: actor.label,
      decided_at: at,
    })
    .where('id', '=', leadId)
    .execute();
  await bump(uow.trx, id, input.decision === 'matched' ? { status: 'matched', matched_lead_id: leadId } : {});
  await recordTimeline(uow.trx, actor, {
    childId: request.child_id,
    kind: `tracing.${input.decision}`,
    reason: input.note,
    entityType: 'tracing_request',
    entityId: id,
    after: { lead: leadId, decision: input.decision },
  });
  uow.audit({ entityType: 'tracing_request', entityId: id, childId: request.child_id, details: { leadId } });
}

export async function decideLead(db: Db, actor: Actor, id: string, leadId: string, body: unknown) {
  await run(db, actor, 'tracing.decide', (uow) => decideLeadIn(uow, id, leadId, body, new Date()));
  return answer(db, actor, id);
}

/**
 * The family is found and the identity proven: the registry records the ID number on the file
 * (the provisional Haven code stays, and still finds the child) and the request is identified.
 * Needs `children.write` as well: the file itself changes.
 */
export async function confirmTracedIdentityIn(uow: UnitOfWork, id: string, body: unknown, at: Date) {
  const { actor } = uow;
  requireAct(actor);
  if (!hasPermission(actor, 'children.write')) throw forbidden('children.write');
  const input = confirmIdentitySchema.parse(body);
  const request = await lockRequest(uow.trx, actor, id, input.expectedVersion);
  await confirmIdentityIn(uow, {
    childId: request.child_id,
    idNumber: input.idNumber,
    name: input.name ?? null,
    evidence: input.evidence,
  });
  await bump(uow.trx, id, { status: 'identified', identified_at: at });
}

export async function confirmIdentity(db: Db, actor: Actor, id: string, body: unknown) {
  await run(db, actor, 'tracing.identity', (uow) => confirmTracedIdentityIn(uow, id, body, new Date()));
  return answer(db, actor, id);
}

/** Tracing given up or no longer needed (the child left by another way): closed as withdrawn, with why. */
export async function withdrawTracing(db: Db, actor: Actor, id: string, body: unknown) {
  requireAct(actor);
  const input = closeTracingSchema.parse(body);
  await run(db, actor, 'tracing.withdraw', async (uow) => {
    const request = await lockRequest(uow.trx, actor, id, input.expectedVersion);
    await bump(uow.trx, id, { status: 'closed', outcome: 'withdrawn', closed_at: new Date(), close_note: input.note });
    await recordTimeline(uow.trx, actor, {
      childId: request.child_id,
      kind: 'tracing.withdrawn',
      reason: input.note,
      entityType: 'tracing_request',
      entityId: id,
    });
    uow.audit({ entityType: 'tracing_request', entityId: id, childId: request.child_id });
  });
  return answer(db, actor, id);
}

/** One request with its leads. Audited, like the child's file it belongs to. */
export async function readTracingFile(db: Db, actor: Actor, id: string): Promise<TracingView> {
  const view = await readTracing(db, actor, id);
  await recordAudit(db, actor, {
    action: 'tracing.read',
    entityType: 'tracing_request',
    entityId: id,
    ...(view
      ? { childId: view.childId }
      : { outcome: 'denied' as const, details: { reason: 'not_found_or_out_of_scope' } }),
  });
  if (!view) throw requestNotFound(actor, id);
  return view;
}
