import { type Kysely, sql } from 'kysely';
import type {
  ActionItemStepInput,
  ActionItemView,
  CreateActionItemInput,
} from '../../contract/joint-conference/views.js';
import { type ActionItemStatus, actionItemClockRule } from '../../contract/joint-conference/vocabulary.js';
import { escalationLevelOf, startClock, stopClocks } from '../../core/clocks/index.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { DomainError, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { meetingVisibleTo } from './access.js';
import { meetingFor } from './meetings.js';
import { conferenceMembersIn, convenerOf, isConvener, requireConvener } from './members.js';
import { conferenceRules } from './rule-sections.js';
import { actionItemStepsAllowed, endOfDay } from './rules.js';
import './messages.js';

type Db = Kysely<Database> | UnitOfWork['trx'];

const refuse = (code: string, field: string, params: Record<string, string> = {}) =>
  new DomainError(code, 400, { field, ...params }, [{ path: `body.${field}`, code }]);

/**
 * A decision of a held meeting: an action item for a member department, due on a day, with its own
 * clock (rule `conference.action_item`, escalated up the place's chain by the hours of the
 * `conference` rule section).
 */
export async function createActionItemIn(
  uow: UnitOfWork,
  meetingId: string,
  input: CreateActionItemInput,
  at: Date,
): Promise<string> {
  const { trx, actor } = uow;
  const meeting = await meetingFor(trx, actor, meetingId, true);
  requireConvener(actor, await convenerOf(trx, meeting.division_code, at), meeting.division_code);
  if (meeting.status === 'minutes_approved') throw new DomainError('conference.meeting_closed', 409, {});
  if (meeting.status !== 'held')
    throw new DomainError('conference.not_held', 409, {
      status: translate(actor.locale, `conference.status.${meeting.status}`),
    });
  const owner = (await conferenceMembersIn(trx, meeting.division_code, at)).find(
    (m) => m.organisationId === input.ownerOrganisationId,
  );
  if (!owner) throw refuse('conference.not_member', 'ownerOrganisationId', { organisation: input.ownerOrganisationId });
  if (input.dueOn < meeting.meets_on)
    throw refuse('conference.due_before_meeting', 'dueOn', { dueOn: input.dueOn, meetsOn: meeting.meets_on });
  if (input.agendaItemId) {
    const item = await trx
      .selectFrom('conference_agenda_items')
      .select('id')
      .where('id', '=', input.agendaItemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!item) throw refuse('conference.agenda_item_unknown', 'agendaItemId', { id: input.agendaItemId });
  }
  const row = await trx
    .insertInto('conference_action_items')
    .values({
      meeting_id: meetingId,
      agenda_item_id: input.agendaItemId ?? null,
      division_code: meeting.division_code,
      title: input.title,
      detail: input.detail ?? null,
      owner_org_id: owner.organisationId,
      due_on: input.dueOn,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rules = await ruleSetFor(trx, meeting.division_code, shanghaiDateOf(at));
  await startClock(trx, rules, {
    rule: actionItemClockRule,
    ownerOrgId: owner.organisationId,
    subjectType: 'action_item',
    subjectId: row.id,
    divisionCode: meeting.division_code,
    startedAt: at,
    duration: { minutes: Math.max(0, Math.floor((endOfDay(input.dueOn).getTime() - at.getTime()) / 60_000)) },
    escalationHours: rules.get(conferenceRules).actionItemEscalationHours,
  });
  uow.audit({
    entityType: 'conference_action_item',
    entityId: row.id,
    details: { meetingId, owner: owner.organisationId, dueOn: input.dueOn },
  });
  return row.id;
}

/** The owner department reports the item done; the convener may cancel it (with a reason). Stops its clock. */
export async function actOnActionItemIn(
  uow: UnitOfWork,
  id: string,
  input: ActionItemStepInput,
  at: Date,
): Promise<void> {
  const { trx, actor } = uow;
  if (!hasPermission(actor, 'conference.act') && !hasPermission(actor, 'conference.manage'))
    throw forbidden('conference.act');
  const item = await trx
    .selectFrom('conference_action_items as a')
    .innerJoin('conference_meetings', 'conference_meetings.id', 'a.meeting_id')
    .innerJoin('organisations as owner', 'owner.id', 'a.owner_org_id')
    .select(['a.id', 'a.status', 'a.version', 'a.owner_org_id', 'a.division_code', 'owner.name as owner_name'])
    .where('a.id', '=', id)
    .where(meetingVisibleTo(actor))
    .forUpdate('a')
    .executeTakeFirst();
  if (!item) throw notFound(translate(actor.locale, 'conference.action_item_entity'), id);
  const convener = await convenerOf(trx, item.division_code, at);
  if (input.step === 'done' && actor.organisationId !== item.owner_org_id && actor.kind !== 'system')
    throw new DomainError('conference.not_owner', 403, { owner: item.owner_name });
  if (input.step === 'cancel') requireConvener(actor, convener, item.division_code);
  if (item.version !== input.expectedVersion)
    throw staleVersion(translate(actor.locale, 'conference.action_item_entity'), id, item.version);
  if (item.status !== 'open')
    throw new DomainError('conference.item_closed', 409, {
      status: translate(actor.locale, `conference.actionItemStatus.${item.status}`),
    });
  if (input.step === 'cancel' && !input.note) throw refuse('conference.note_required', 'note');
  const status: ActionItemStatus = input.step === 'done' ? 'done' : 'cancelled';
  await updateVersioned(trx, {
    table: 'conference_action_items',
    entity: translate(actor.locale, 'conference.action_item_entity'),
    id,
    expectedVersion: input.expectedVersion,
    values: { status, note: input.note ?? null, closed_at: at, closed_by: actor.userId },
  });
  await stopClocks(trx, { subjectId: id, rules: [actionItemClockRule] }, at);
  uow.audit({ entityType: 'conference_action_item', entityId: id, details: { step: input.step } });
}

/** Action items as a reader sees them, with their clock and the steps the reader may take. */
export async function actionItemViews(
  db: Db,
  actor: Actor,
  where: { meetingId: string } | { ownerOrgId: string },
  now: Date,
): Promise<ActionItemView[]> {
  let query = db
    .selectFrom('conference_action_items as a')
    .innerJoin('conference_meetings', 'conference_meetings.id', 'a.meeting_id')
    .innerJoin('organisations as owner', 'owner.id', 'a.owner_org_id')
    .leftJoin('clocks', (join) =>
      join
        .onRef('clocks.subject_id', '=', 'a.id')
        .on('clocks.subject_type', '=', 'action_item')
        .on('clocks.rule', '=', actionItemClockRule),
    )
    .select([
      'a.id',
      'a.meeting_id',
      'conference_meetings.title as meeting_title',
      'a.division_code',
      'a.agenda_item_id',
      'a.title',
      'a.detail',
      'a.owner_org_id',
      'owner.name as owner_name',
      'a.due_on',
      'a.status',
      'a.version',
      'a.note',
      'a.closed_at',
      'clocks.state as clock_state',
      'clocks.due_at as clock_due_at',
      escalationLevelOf('clocks.id'),
    ])
    .where(meetingVisibleTo(actor));
  query =
    'meetingId' in where
      ? query.where('a.meeting_id', '=', where.meetingId).orderBy('a.created_at')
      : query
          .where('a.owner_org_id', '=', where.ownerOrgId)
          .orderBy(sql`CASE WHEN a.status = 'open' THEN 0 ELSE 1 END`)
          .orderBy('a.due_on');
  const rows = await query.limit(500).execute();
  const conveners = new Map<string, boolean>();
  for (const code of new Set(rows.map((r) => r.division_code)))
    conveners.set(
      code,
      isConvener(actor, await convenerOf(db, code, now)) && hasPermission(actor, 'conference.manage'),
    );
  const today = shanghaiDateOf(now);
  return rows.map((row) => ({
    id: row.id,
    meetingId: row.meeting_id,
    meetingTitle: row.meeting_title,
    divisionCode: row.division_code,
    agendaItemId: row.agenda_item_id,
    title: row.title,
    detail: row.detail,
    owner: { id: row.owner_org_id, name: row.owner_name },
    dueOn: row.due_on,
    status: row.status,
    version: row.version,
    overdue: row.status === 'open' && row.due_on < today,
    note: row.note,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    clock:
      row.clock_state && row.clock_due_at
        ? { state: row.clock_state, dueAt: row.clock_due_at.toISOString(), escalationLevel: row.escalation_level ?? 0 }
        : null,
    allowedSteps: actionItemStepsAllowed(
      { status: row.status, ownerOrgId: row.owner_org_id },
      {
        organisationId: actor.organisationId,
        mayAct: hasPermission(actor, 'conference.act'),
        isConvener: conveners.get(row.division_code) ?? false,
      },
    ),
  }));
}
