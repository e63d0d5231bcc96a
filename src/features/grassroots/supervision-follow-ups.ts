import { clocksEscalatedToActor, escalatedToActor, escalationLevelOf } from '../../core/clocks/index.js';
import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  RecordFollowUpDoneInput,
  SupervisionFollowUpDue,
  SupervisionEntry,
} from '../../contract/grassroots/supervision.js';
import { startClock, stopClocks } from '../../core/clocks/index.js';
import type { InboxContribution } from '../../core/inbox/contribution.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { grassrootsRules } from './rule-sections.js';
import { supervisorOf } from './supervision-access.js';
import { placeInJurisdiction } from './views.js';
import '../../core/clocks/tables.js';
import './messages.js';
import './supervision-tables.js';

/*
 * The follow-up a supervision log entry asks for (督导整改): a clock from the check to the date asked
 * for (else the rule set's default), owned by whoever recorded the check — the township supervisor,
 * or the officer — so a late one is in their work and goes up the chain; recording it done stops it.
 */

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
const rule = 'supervision.follow_up';
const none = '00000000-0000-0000-0000-000000000000';

/** Starts the follow-up's clock: due at the end of `followUpBy`, owned by the recorder (none without an organisation). */
export async function startFollowUpClock(
  trx: Trx,
  actor: Actor,
  log: { id: string; divisionCode: string; checkedOn: string; followUpBy: string },
  at: Date,
): Promise<void> {
  if (!actor.organisationId) return;
  const checked = new Date(`${log.checkedOn}T23:59:59+08:00`);
  const days = Math.round((Date.parse(log.followUpBy) - Date.parse(log.checkedOn)) / 86_400_000);
  const rules = await ruleSetFor(trx, log.divisionCode, shanghaiDateOf(at));
  await startClock(trx, rules, {
    rule,
    ownerOrgId: actor.organisationId,
    ownerUserId: actor.userId,
    subjectType: 'supervision_log',
    subjectId: log.id,
    divisionCode: log.divisionCode,
    startedAt: checked,
    duration: { days },
    escalationHours: rules.get(grassrootsRules).supervisionEscalationHours,
  });
}

const problem = (code: string, status: number, path: string, params: Record<string, string>) =>
  new DomainError(code, status, params, [{ path, code, params }]);

/**
 * Records that a check's follow-up was done (the township's supervisor or a roster officer, as for
 * the check): its clock stops, met when done by the date asked for. No follow-up asked, or already
 * recorded → 409; done in the future or before the check → 400.
 */
export async function recordFollowUpDoneIn(
  uow: UnitOfWork,
  logId: string,
  input: RecordFollowUpDoneInput,
  at: Date,
): Promise<string> {
  const { trx, actor } = uow;
  const log = await trx
    .selectFrom('supervision_logs as l')
    .select(['l.id', 'l.director_staff_id', 'l.division_code', 'l.checked_on', 'l.follow_up'])
    .where('l.id', '=', logId)
    .where(placeInJurisdiction(actor, 'l.division_code'))
    .forUpdate()
    .executeTakeFirst();
  if (!log) throw notFound(translate(actor.locale, 'grassroots.supervision_entity'), logId);
  const { recorder } = await supervisorOf(trx, actor, log.division_code);
  if (!log.follow_up) throw conflict('grassroots.follow_up_none');
  const done = await trx
    .selectFrom('supervision_follow_ups')
    .select('done_on')
    .where('log_id', '=', logId)
    .executeTakeFirst();
  if (done) throw conflict('grassroots.follow_up_done', { on: String(done.done_on).slice(0, 10) });
  const checkedOn = String(log.checked_on).slice(0, 10);
  if (input.doneOn > shanghaiDateOf(at))
    throw problem('grassroots.date_future', 400, 'body.doneOn', { date: input.doneOn });
  if (input.doneOn < checkedOn)
    throw problem('grassroots.follow_up_before_check', 400, 'body.doneOn', { date: input.doneOn, checkedOn });
  await trx
    .insertInto('supervision_follow_ups')
    .values({
      log_id: logId,
      done_on: input.doneOn,
      note: input.note ?? null,
      recorded_by: actor.userId,
      recorded_by_name: recorder,
      recorded_at: at,
    })
    .execute();
  const metAt = new Date(Math.min(at.getTime(), new Date(`${input.doneOn}T23:59:59+08:00`).getTime()));
  await stopClocks(trx, { subjectId: logId, rules: [rule] }, metAt);
  uow.audit({ entityType: 'supervision_log', entityId: logId, details: { followUpDone: input.doneOn } });
  return log.director_staff_id;
}

type FollowUpState = Pick<SupervisionEntry, 'followUpDueAt' | 'followUpOverdue' | 'followUpDone'>;

/** The follow-up of each entry named: its clock's due time and lateness, and the record that it was done. */
export async function followUpStates(
  db: Db,
  logIds: readonly string[],
  now: Date,
): Promise<Map<string, { dueAt: string | null; overdue: boolean; done: FollowUpState['followUpDone'] }>> {
  const states = new Map<string, { dueAt: string | null; overdue: boolean; done: FollowUpState['followUpDone'] }>();
  if (logIds.length === 0) return states;
  const clocks = await db
    .selectFrom('clocks')
    .select(['subject_id', 'due_at', 'state'])
    .where('subject_type', '=', 'supervision_log')
    .where('subject_id', 'in', [...logIds])
    .where('rule', '=', rule)
    .execute();
  const done = await db
    .selectFrom('supervision_follow_ups')
    .selectAll()
    .where('log_id', 'in', [...logIds])
    .execute();
  const doneBy = new Map(done.map((d) => [d.log_id, d]));
  for (const id of logIds) {
    const clock = clocks.find((c) => c.subject_id === id);
    const record = doneBy.get(id);
    states.set(id, {
      dueAt: clock ? clock.due_at.toISOString() : null,
      overdue: Boolean(clock && clock.state === 'running' && clock.due_at < now),
      done: record ? { on: String(record.done_on).slice(0, 10), note: record.note, by: record.recorded_by_name } : null,
    });
  }
  return states;
}

/**
 * Follow-ups due within `withinDays` or late: those I own (I recorded the check), and those whose
 * lateness was escalated to my organisation (and a role I hold), in my jurisdiction.
 */
export async function followUpsDueFor(
  db: Db,
  actor: Actor,
  now: Date,
  withinDays: number,
): Promise<SupervisionFollowUpDue[]> {
  const userId = actor.userId ?? none;
  const horizon = new Date(now.getTime() + withinDays * 86_400_000);
  const mine = sql<boolean>`(k.owner_user_id = ${userId})`;
  const escalated = escalatedToActor(actor);
  // The candidates first (the follow-up clocks I own, due within the horizon, and the clocks
  // escalated to me), then the rows, as the visits due list does.
  const candidates = db
    .selectFrom('clocks as own')
    .select('own.id')
    .where('own.owner_user_id', '=', userId)
    .where('own.state', '=', 'running')
    .where('own.rule', '=', rule)
    .where('own.due_at', '<', horizon)
    .union(clocksEscalatedToActor(db, actor));
  const rows = await db
    .selectFrom('clocks as k')
    .innerJoin('supervision_logs as l', 'l.id', 'k.subject_id')
    .innerJoin('grassroots_staff as s', 's.id', 'l.director_staff_id')
    .select([
      'k.id',
      'k.due_at',
      escalationLevelOf('k.id'),
      'l.id as log_id',
      'l.director_staff_id',
      's.name',
      'l.division_code',
      'l.follow_up',
      'l.checked_on',
      mine.as('mine'),
    ])
    .where('k.id', 'in', candidates)
    .where('k.subject_type', '=', 'supervision_log')
    .where('k.rule', '=', rule)
    .where('k.state', '=', 'running')
    .where(placeInJurisdiction(actor, 'l.division_code'))
    .where((eb) => eb.or([eb('k.due_at', '<', horizon), escalated]))
    .where((eb) => eb.or([mine, escalated]))
    .orderBy('k.due_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    clockId: r.id,
    logId: r.log_id,
    directorStaffId: r.director_staff_id,
    directorName: r.name,
    divisionCode: r.division_code,
    followUp: r.follow_up ?? '',
    checkedOn: String(r.checked_on).slice(0, 10),
    dueAt: r.due_at.toISOString(),
    overdue: r.due_at < now,
    escalationLevel: r.escalation_level,
    basis: r.mine ? 'mine' : 'escalated',
  }));
}

/** "Supervision follow-ups" in my work: due within 3 days, late, or escalated to me. */
export const supervisionFollowUpsDue: InboxContribution<SupervisionFollowUpDue> = {
  section: 'supervisionFollowUps',
  async collect({ db, actor, now }) {
    if (!hasPermission(actor, 'roster.read')) return [];
    return (await followUpsDueFor(db, actor, now, 3)).slice(0, 50);
  },
  isOverdue: (item) => item.overdue,
};
