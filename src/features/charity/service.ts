import { type Kysely, sql } from 'kysely';
import type {
  AddVolunteerInput,
  DonationView,
  LogHoursInput,
  NeedActionInput,
  NeedView,
  RaiseNeedInput,
  RecordDonationInput,
  RenewCheckInput,
  VolunteerView,
} from '../../contract/charity/views.js';
import type { DonationForm, DonorKind } from '../../contract/charity/vocabulary.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { performAction, recordSystemAction } from '../../core/workflow/perform.js';
import { initialState } from '../../core/workflow/rules.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { DomainError, forbidden, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { requireCharity } from './access.js';
import { charityRules } from './rule-sections.js';
import { checkExpiresOn, checkStateOf } from './rules.js';
import { readNeed } from './views.js';
import { needWorkflow } from './workflow.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;
const idem = (prefix: string, key: string | undefined, request: unknown) =>
  key ? { key: `${prefix}:${key}`, request } : undefined;

/**
 * Raises a need from a child's plan or a visit (a worker who sees the child): what it requires, in
 * words a charity may read. Charities where the child lives see it without the child's identity.
 */
export async function raiseNeedIn(uow: UnitOfWork, input: RaiseNeedInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'cases.act')) throw forbidden('cases.act');
  const child = await trx
    .selectFrom('children')
    .select(['id', 'residence_code'])
    .where('id', '=', input.childId)
    .where(childInScope(actor))
    .executeTakeFirst();
  if (!child) throw notFound(translate(actor.locale, 'charity.child_entity'), input.childId);
  const { id } = await trx
    .insertInto('charity_needs')
    .values({
      child_id: child.id,
      case_id: input.caseId ?? null,
      source: input.source,
      kind: input.kind,
      description: input.description,
      amount_fen: input.amountFen ?? null,
      division_code: child.residence_code,
      raised_by_org_id: actor.organisationId,
      created_by: actor.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordSystemAction(
    uow,
    needWorkflow,
    { id, childId: child.id, state: initialState(needWorkflow) },
    { type: 'raise', payload: { kind: input.kind, source: input.source, amountFen: input.amountFen ?? null }, at },
  );
  uow.audit({ entityType: 'need', entityId: id, childId: child.id, details: { kind: input.kind } });
  return id;
}

export async function raiseNeed(
  db: Db,
  actor: Actor,
  input: RaiseNeedInput,
  key?: string,
): Promise<{ view: NeedView; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'need.raise',
    (uow) => raiseNeedIn(uow, input, new Date()),
    idem('need', key, input),
  );
  return { view: await readNeed(db, actor, result), replayed };
}

/** Match, hand over (with a receipt) or cancel a need (send the seq read; stale → 409). */
export async function actOnNeedIn(uow: UnitOfWork, id: string, input: NeedActionInput, at: Date): Promise<void> {
  await performAction(uow, needWorkflow, id, input, at);
}

export async function actOnNeed(
  db: Db,
  actor: Actor,
  id: string,
  input: NeedActionInput,
  key?: string,
): Promise<{ view: NeedView; replayed: boolean }> {
  const { replayed } = await unitOfWork(
    db,
    actor,
    `need.${input.type}`,
    (uow) => actOnNeedIn(uow, id, input, new Date()),
    idem(`need-action:${id}`, key, input),
  );
  return { view: await readNeed(db, actor, id), replayed };
}

/** A donation the actor's charity received (money in fen, or goods); the donor's name stays with the charity. */
export async function recordDonationIn(uow: UnitOfWork, input: RecordDonationInput): Promise<string> {
  const { trx, actor } = uow;
  const charity = requireCharity(actor);
  const { id } = await trx
    .insertInto('donations')
    .values({
      charity_org_id: charity,
      donor_kind: input.donorKind,
      donor_name: input.donorKind === 'anonymous' ? null : (input.donorName ?? null),
      form: input.form,
      amount_fen: input.amountFen ?? null,
      goods: input.goods ?? null,
      received_on: input.receivedOn,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  uow.audit({
    entityType: 'donation',
    entityId: id,
    details: { form: input.form, amountFen: input.amountFen ?? null },
  });
  return id;
}

export async function recordDonation(
  db: Db,
  actor: Actor,
  input: RecordDonationInput,
  key?: string,
): Promise<{ id: string; replayed: boolean }> {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'donation.record',
    (uow) => recordDonationIn(uow, input),
    idem('donation', key, input),
  );
  return { id: result, replayed };
}

/** My charity's donations, newest first, and its yearly totals. */
export async function listDonations(db: Db, actor: Actor) {
  const charity = requireCharity(actor);
  const rows = await db
    .selectFrom('donations')
    .leftJoin('charity_needs', 'charity_needs.id', 'donations.need_id')
    .select([
      'donations.id',
      'donor_kind',
      'donor_name',
      'form',
      'donations.amount_fen',
      'goods',
      'received_on',
      'need_id',
      'charity_needs.receipt_number',
    ])
    .where('charity_org_id', '=', charity)
    .orderBy('received_on', 'desc')
    .limit(500)
    .execute();
  const items: DonationView[] = rows.map((r) => ({
    id: r.id,
    donorKind: r.donor_kind as DonorKind,
    donorName: r.donor_name,
    form: r.form as DonationForm,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    goods: r.goods,
    receivedOn: String(r.received_on),
    needId: r.need_id,
    handedOver: r.receipt_number !== null,
  }));
  const yearly = await db
    .selectFrom('donations')
    .leftJoin('charity_needs', 'charity_needs.id', 'donations.need_id')
    .select([
      sql<number>`extract(year from received_on)::int`.as('year'),
      sql<string>`coalesce(sum(donations.amount_fen) FILTER (WHERE form = 'cash'), 0)::text`.as('cash'),
      sql<number>`(count(*) FILTER (WHERE form = 'in_kind'))::int`.as('in_kind'),
      sql<number>`(count(charity_needs.receipt_number))::int`.as('handed_over'),
    ])
    .where('charity_org_id', '=', charity)
    .groupBy(sql`1`)
    .orderBy(sql`1`, 'desc')
    .execute();
  return {
    items,
    yearly: yearly.map((y) => ({
      year: y.year,
      cashFen: Number(y.cash),
      inKind: y.in_kind,
      handedOver: y.handed_over,
    })),
  };
}

async function present(db: Db | UnitOfWork['trx'], actor: Actor, id: string): Promise<VolunteerView> {
  const row = await db
    .selectFrom('volunteers')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'charity.volunteer_entity'), id);
  return volunteerView(row, shanghaiDateOf(new Date()));
}

function volunteerView(
  row: {
    id: string;
    version: number;
    name: string;
    skills: string[];
    availability: string | null;
    hours: number;
    check_passed_on: string | null;
    check_expires_on: string | null;
  },
  today: string,
): VolunteerView {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    skills: row.skills,
    availability: row.availability,
    hours: row.hours,
    checkPassedOn: row.check_passed_on === null ? null : String(row.check_passed_on),
    checkExpiresOn: row.check_expires_on === null ? null : String(row.check_expires_on),
    check: checkStateOf(row.check_expires_on === null ? null : String(row.check_expires_on), today),
  };
}

/** The check's clock: due the day it expires, owned by the charity (its inbox shows it a month before). */
async function startCheckClock(uow: UnitOfWork, volunteerId: string, expiresOn: string, at: Date): Promise<void> {
  const { trx, actor } = uow;
  const org = await trx
    .selectFrom('organisations')
    .select(['division_code'])
    .where('id', '=', actor.organisationId)
    .executeTakeFirstOrThrow();
  const rules = await ruleSetFor(trx, org.division_code, shanghaiDateOf(at));
  const minutes = Math.max(0, Math.round((Date.parse(`${expiresOn}T00:00:00+08:00`) - at.getTime()) / 60_000));
  await startClock(trx, rules, {
    rule: 'volunteer.check',
    ownerOrgId: actor.organisationId!,
    subjectType: 'volunteer',
    subjectId: volunteerId,
    divisionCode: org.division_code,
    startedAt: at,
    duration: { minutes },
  });
}

async function expiryOf(uow: UnitOfWork, passedOn: string, at: Date): Promise<string> {
  const org = await uow.trx
    .selectFrom('organisations')
    .select(['division_code'])
    .where('id', '=', uow.actor.organisationId)
    .executeTakeFirstOrThrow();
  const rules = (await ruleSetFor(uow.trx, org.division_code, shanghaiDateOf(at))).get(charityRules);
  return checkExpiresOn(passedOn, rules.checkValidMonths);
}

/** Registers a volunteer of my organisation, with the day the last criminal-record check passed. */
export async function addVolunteerIn(uow: UnitOfWork, input: AddVolunteerInput, at: Date): Promise<string> {
  const charity = requireCharity(uow.actor);
  if (input.checkPassedOn && input.checkPassedOn > shanghaiDateOf(at))
    throw new DomainError('charity.check_future', 400, { date: input.checkPassedOn }, [
      { path: 'body.checkPassedOn', code: 'charity.check_future' },
    ]);
  const expires = input.checkPassedOn ? await expiryOf(uow, input.checkPassedOn, at) : null;
  const { id } = await uow.trx
    .insertInto('volunteers')
    .values({
      organisation_id: charity,
      name: input.name,
      skills: input.skills,
      availability: input.availability ?? null,
      check_passed_on: input.checkPassedOn ?? null,
      check_expires_on: expires,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (expires) await startCheckClock(uow, id, expires, at);
  uow.audit({ entityType: 'volunteer', entityId: id, details: { checkExpiresOn: expires } });
  return id;
}

export async function addVolunteer(db: Db, actor: Actor, input: AddVolunteerInput, key?: string) {
  const { result, replayed } = await unitOfWork(
    db,
    actor,
    'volunteer.add',
    (uow) => addVolunteerIn(uow, input, new Date()),
    idem('volunteer', key, input),
  );
  return { view: await present(db, actor, result), replayed };
}

/** Renews the check (a new pass date): the old clock stops, a new one runs to the new expiry. */
export async function renewCheckIn(uow: UnitOfWork, id: string, input: RenewCheckInput, at: Date): Promise<void> {
  requireCharity(uow.actor);
  await present(uow.trx, uow.actor, id);
  if (input.passedOn > shanghaiDateOf(at))
    throw new DomainError('charity.check_future', 400, { date: input.passedOn }, [
      { path: 'body.passedOn', code: 'charity.check_future' },
    ]);
  const expires = await expiryOf(uow, input.passedOn, at);
  await updateVersioned(uow.trx, {
    table: 'volunteers',
    entity: translate(uow.actor.locale, 'charity.volunteer_entity'),
    id,
    expectedVersion: input.expectedVersion,
    values: { check_passed_on: input.passedOn, check_expires_on: expires },
  });
  await stopClocks(uow.trx, { subjectId: id, rules: ['volunteer.check'] }, at);
  await startCheckClock(uow, id, expires, at);
  uow.audit({ entityType: 'volunteer', entityId: id, details: { renewed: input.passedOn, expires } });
}

export async function renewCheck(db: Db, actor: Actor, id: string, input: RenewCheckInput): Promise<VolunteerView> {
  await unitOfWork(db, actor, 'volunteer.renew_check', (uow) => renewCheckIn(uow, id, input, new Date()));
  return present(db, actor, id);
}

/** Adds hours served (send the version read; stale → 409). */
export async function logHours(db: Db, actor: Actor, id: string, input: LogHoursInput): Promise<VolunteerView> {
  await unitOfWork(db, actor, 'volunteer.hours', async (uow) => {
    requireCharity(actor);
    const current = await present(uow.trx, actor, id);
    await updateVersioned(uow.trx, {
      table: 'volunteers',
      entity: translate(actor.locale, 'charity.volunteer_entity'),
      id,
      expectedVersion: input.expectedVersion,
      values: { hours: current.hours + input.hours },
    });
    uow.audit({ entityType: 'volunteer', entityId: id, details: { hours: input.hours } });
  });
  return present(db, actor, id);
}

/** My organisation's volunteers, with the state of their checks today. */
export async function listVolunteers(db: Db, actor: Actor): Promise<VolunteerView[]> {
  const charity = requireCharity(actor);
  const rows = await db
    .selectFrom('volunteers')
    .selectAll()
    .where('organisation_id', '=', charity)
    .orderBy('name')
    .execute();
  const today = shanghaiDateOf(new Date());
  return rows.map((r) => volunteerView(r, today));
}
