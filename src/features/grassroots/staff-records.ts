import { type Kysely, sql, type Transaction } from 'kysely';
import type { CreateStaffRecordInput, StaffRecordView } from '../../contract/grassroots/training.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { inJurisdiction, requireManage } from './access.js';
import './messages.js';
import { placeInJurisdiction } from './views.js';
import './tables.js';

/* A roster entry's records (subsidies, incentives, accountability) and the work facts its yearly assessment reads. */

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const day = (value: string | Date) => (value instanceof Date ? shanghaiDateOf(value) : String(value).slice(0, 10));

/** Records a subsidy paid, an incentive or an accountability decision for a roster entry of the area. */
export async function recordStaffRecordIn(uow: UnitOfWork, staffId: string, input: CreateStaffRecordInput, at: Date) {
  const { trx, actor } = uow;
  requireManage(actor);
  const staff = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'division_code'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!staff || !inJurisdiction(actor, staff.division_code))
    throw notFound(translate(actor.locale, 'grassroots.entity'), staffId);
  if (input.decidedOn > shanghaiDateOf(at))
    throw new DomainError('grassroots.date_future', 400, { date: input.decidedOn }, [
      { path: 'body.decidedOn', code: 'grassroots.date_future', params: { date: input.decidedOn } },
    ]);
  const row = await trx
    .insertInto('grassroots_records')
    .values({
      staff_id: staffId,
      kind: input.kind,
      decided_on: input.decidedOn,
      amount: input.amount ?? null,
      reason: input.reason,
      recorded_by: actor.userId,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  uow.audit({ entityType: 'grassroots_record', entityId: row.id, details: { staffId, kind: input.kind } });
  return row.id;
}

export async function listStaffRecords(db: Db, actor: Actor, staffId: string): Promise<{ items: StaffRecordView[] }> {
  const staff = await db
    .selectFrom('grassroots_staff')
    .select('id')
    .where('id', '=', staffId)
    .where(placeInJurisdiction(actor, 'division_code'))
    .executeTakeFirst();
  if (!staff) throw notFound(translate(actor.locale, 'grassroots.entity'), staffId);
  const rows = await db
    .selectFrom('grassroots_records')
    .selectAll()
    .where('staff_id', '=', staffId)
    .orderBy('decided_on', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      kind: r.kind,
      decidedOn: day(r.decided_on),
      amount: r.amount === null ? null : Number(r.amount),
      reason: r.reason,
      recordedAt: new Date(r.recorded_at).toISOString(),
    })),
  };
}

/**
 * A roster entry's work facts for its yearly assessment (the appraisals feature reads them): the
 * children it answers for now, its training hours and its records in the year. Null when not in my area.
 */
export async function staffWorkFactsIn(
  db: Db | Trx,
  actor: Actor,
  staffId: string,
  year: number,
): Promise<{
  id: string;
  name: string;
  post: 'village_director' | 'township_supervisor';
  userId: string | null;
  organisationId: string;
  childIds: string[];
  trainingHours: number;
  records: Record<'subsidy' | 'incentive' | 'accountability', number>;
} | null> {
  const staff = await db
    .selectFrom('grassroots_staff')
    .select(['id', 'name', 'post', 'user_id', 'organisation_id', 'training_hours'])
    .where('id', '=', staffId)
    .where(placeInJurisdiction(actor, 'division_code'))
    .executeTakeFirst();
  if (!staff) return null;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const children = await db
    .selectFrom('child_assignments as a')
    .innerJoin('children', 'children.id', 'a.child_id')
    .where(childInScope(actor))
    .select('a.child_id')
    .where('a.staff_id', '=', staffId)
    .where('a.to_at', 'is', null)
    .execute();
  const hours = await db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as t', 't.id', 'a.session_id')
    .select(sql<string>`coalesce(sum(t.hours), 0)::text`.as('h'))
    .where('a.staff_id', '=', staffId)
    .where('t.held_on', '>=', from)
    .where('t.held_on', '<=', to)
    .executeTakeFirstOrThrow();
  const records = await db
    .selectFrom('grassroots_records')
    .select(['kind', sql<number>`count(*)::int`.as('n')])
    .where('staff_id', '=', staffId)
    .where('decided_on', '>=', from)
    .where('decided_on', '<=', to)
    .groupBy('kind')
    .execute();
  const count = (kind: string) => records.find((r) => r.kind === kind)?.n ?? 0;
  return {
    id: staff.id,
    name: staff.name,
    post: staff.post,
    userId: staff.user_id,
    organisationId: staff.organisation_id,
    childIds: children.map((c) => c.child_id),
    trainingHours: Number(hours.h),
    records: { subsidy: count('subsidy'), incentive: count('incentive'), accountability: count('accountability') },
  };
}

export async function recordStaffRecord(db: Db, actor: Actor, staffId: string, input: CreateStaffRecordInput) {
  await unitOfWork(db, actor, 'grassroots.record', (uow) => recordStaffRecordIn(uow, staffId, input, new Date()));
  return listStaffRecords(db, actor, staffId);
}
