import type { Kysely } from 'kysely';
import type {
  GuidanceOrderView,
  IssueGuidanceOrderInput,
  RecordGuidanceSessionInput,
} from '../../contract/charity/views.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { recordTimeline } from '../../core/timeline.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { conflict, DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { guidanceOrderVisibleTo } from './access.js';
import { sessionDueDays } from './rules.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database> | UnitOfWork['trx'];
const endOfDay = (day: string) => new Date(`${day}T23:59:59+08:00`);

/**
 * Records a family-education guidance order (家庭教育指导令, from the case's guardianship
 * intervention) and its sessions: each due every `everyDays`, each with a clock (met when the
 * session is recorded, missed — and in the inbox as overdue — when it is not).
 */
export async function issueGuidanceOrderIn(uow: UnitOfWork, input: IssueGuidanceOrderInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'cases.act')) throw forbidden('cases.act');
  if (!actor.organisationId) throw new DomainError('charity.needs_organisation', 400);
  const child = await trx
    .selectFrom('children')
    .select(['id', 'residence_code'])
    .where('id', '=', input.childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'charity.child_entity'), input.childId);
  if (input.issuedOn > shanghaiDateOf(at))
    throw new DomainError('charity.order_future', 400, { date: input.issuedOn }, [
      { path: 'body.issuedOn', code: 'charity.order_future' },
    ]);
  if (input.providerOrganisationId) {
    const provider = await trx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', input.providerOrganisationId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!provider) throw notFound(translate(actor.locale, 'charity.organisation_entity'), input.providerOrganisationId);
  }
  const { id } = await trx
    .insertInto('guidance_orders')
    .values({
      child_id: child.id,
      case_id: input.caseId ?? null,
      issued_by: input.issuedBy,
      issued_on: input.issuedOn,
      guardian: input.guardian,
      provider_org_id: input.providerOrganisationId ?? null,
      owner_org_id: actor.organisationId,
      division_code: child.residence_code,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const days = sessionDueDays(input.issuedOn, input.sessions, input.everyDays);
  const sessions = await trx
    .insertInto('guidance_sessions')
    .values(days.map((dueOn, i) => ({ order_id: id, number: i + 1, due_on: dueOn })))
    .returning(['id', 'due_on'])
    .execute();
  const rules = await ruleSetFor(trx, child.residence_code, shanghaiDateOf(at));
  for (const session of sessions)
    await startClock(trx, rules, {
      rule: 'guidance.session',
      ownerOrgId: input.providerOrganisationId ?? actor.organisationId,
      subjectType: 'guidance_session',
      subjectId: session.id,
      childId: child.id,
      caseId: input.caseId ?? null,
      divisionCode: child.residence_code,
      startedAt: at,
      duration: {
        minutes: Math.max(0, Math.round((endOfDay(String(session.due_on)).getTime() - at.getTime()) / 60_000)),
      },
    });
  await recordTimeline(trx, actor, {
    childId: child.id,
    occurredAt: at,
    kind: 'guidance.issue',
    entityType: 'guidance_order',
    entityId: id,
    after: { issuedBy: input.issuedBy, sessions: input.sessions, guardian: input.guardian },
  });
  uow.audit({ entityType: 'guidance_order', entityId: id, childId: child.id, details: { sessions: input.sessions } });
  return id;
}

export async function issueGuidanceOrder(
  db: Kysely<Database>,
  actor: Actor,
  input: IssueGuidanceOrderInput,
  key?: string,
) {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'guidance.issue',
    (uow) => issueGuidanceOrderIn(uow, input, new Date()),
    key ? { key: `guidance:${key}`, request: input } : undefined,
  );
  return { view: await readGuidanceOrder(db, actor, result), replayed };
}

/** Records a session (held, attended or not): its clock stops, met or missed. Once per session (409). */
export async function recordGuidanceSessionIn(
  uow: UnitOfWork,
  orderId: string,
  number: number,
  input: RecordGuidanceSessionInput,
  at: Date,
): Promise<void> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'cases.act') && !hasPermission(actor, 'projects.deliver')) throw forbidden('cases.act');
  const order = await trx
    .selectFrom('guidance_orders')
    .select(['id', 'child_id'])
    .where('id', '=', orderId)
    .where(guidanceOrderVisibleTo(actor))
    .executeTakeFirst();
  if (!order) throw notFound(translate(actor.locale, 'charity.order_entity'), orderId);
  const session = await trx
    .selectFrom('guidance_sessions')
    .select(['id', 'held_on'])
    .where('order_id', '=', orderId)
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst();
  if (!session) throw notFound(translate(actor.locale, 'charity.session_entity'), String(number));
  if (session.held_on) throw conflict('charity.session_recorded', { number, heldOn: String(session.held_on) });
  if (input.heldOn > shanghaiDateOf(at))
    throw new DomainError('charity.session_future', 400, { date: input.heldOn }, [
      { path: 'body.heldOn', code: 'charity.session_future' },
    ]);
  await trx
    .updateTable('guidance_sessions')
    .set({ held_on: input.heldOn, attended: input.attended, note: input.note ?? null, recorded_by: actor.userId })
    .where('id', '=', session.id)
    .execute();
  await stopClocks(trx, { subjectId: session.id, rules: ['guidance.session'] }, at);
  await recordTimeline(trx, actor, {
    childId: order.child_id,
    occurredAt: at,
    kind: 'guidance.session',
    entityType: 'guidance_order',
    entityId: orderId,
    after: { number, heldOn: input.heldOn, attended: input.attended },
  });
  uow.audit({ entityType: 'guidance_order', entityId: orderId, childId: order.child_id, details: { number } });
}

export async function recordGuidanceSession(
  db: Kysely<Database>,
  actor: Actor,
  orderId: string,
  number: number,
  input: RecordGuidanceSessionInput,
): Promise<GuidanceOrderView> {
  await unitOfWork(db, actor, 'guidance.session', (uow) =>
    recordGuidanceSessionIn(uow, orderId, number, input, new Date()),
  );
  return readGuidanceOrder(db, actor, orderId);
}

async function ordersOf(db: Db, actor: Actor, where: { id?: string; childId?: string }): Promise<GuidanceOrderView[]> {
  let q = db
    .selectFrom('guidance_orders')
    .innerJoin('children', 'children.id', 'guidance_orders.child_id')
    .leftJoin('organisations as provider', 'provider.id', 'guidance_orders.provider_org_id')
    .select([
      'guidance_orders.id',
      'guidance_orders.child_id',
      'children.name as child_name',
      'issued_by',
      'issued_on',
      'guardian',
      'provider.name as provider_name',
    ])
    .where(guidanceOrderVisibleTo(actor));
  if (where.id) q = q.where('guidance_orders.id', '=', where.id);
  if (where.childId) q = q.where('guidance_orders.child_id', '=', where.childId);
  const orders = await q.orderBy('issued_on', 'desc').limit(200).execute();
  if (orders.length === 0) return [];
  const sessions = await db
    .selectFrom('guidance_sessions')
    .selectAll()
    .where(
      'order_id',
      'in',
      orders.map((o) => o.id),
    )
    .orderBy('number')
    .execute();
  const today = shanghaiDateOf(new Date());
  return orders.map((o) => {
    const mine = sessions
      .filter((s) => s.order_id === o.id)
      .map((s) => ({
        number: s.number,
        dueOn: String(s.due_on),
        heldOn: s.held_on === null ? null : String(s.held_on),
        state:
          s.attended === true
            ? ('attended' as const)
            : s.attended === false
              ? ('absent' as const)
              : String(s.due_on) < today
                ? ('overdue' as const)
                : ('due' as const),
        note: s.note,
      }));
    const count = (state: string) => mine.filter((s) => s.state === state).length;
    return {
      id: o.id,
      childId: o.child_id,
      childName: o.child_name,
      issuedBy: o.issued_by,
      issuedOn: String(o.issued_on),
      guardian: o.guardian,
      provider: o.provider_name,
      sessions: mine,
      compliance: {
        attended: count('attended'),
        absent: count('absent'),
        overdue: count('overdue'),
        total: mine.length,
      },
      completed: mine.every((s) => s.heldOn !== null),
    };
  });
}

export async function readGuidanceOrder(db: Db, actor: Actor, id: string): Promise<GuidanceOrderView> {
  const [order] = await ordersOf(db, actor, { id });
  if (!order) throw notFound(translate(actor.locale, 'charity.order_entity'), id);
  return order;
}

/** The guidance orders I see (a child's, when asked), with each session's state and the compliance. */
export function listGuidanceOrders(db: Db, actor: Actor, query: { childId?: string }): Promise<GuidanceOrderView[]> {
  return ordersOf(db, actor, query);
}
