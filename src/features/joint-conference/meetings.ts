import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  AddAgendaItemInput,
  AttendanceInput,
  CreateMeetingInput,
  MeetingStepInput,
  UpdateMeetingInput,
} from '../../contract/joint-conference/views.js';
import { type MeetingStatus, meetingSteps } from '../../contract/joint-conference/vocabulary.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { DomainError, notFound, staleVersion } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { meetingVisibleTo } from './access.js';
import { agendaProposalsIn } from './agenda.js';
import {
  conferenceMembersIn,
  conferencePlace,
  convenerOf,
  requireConferenceReader,
  requireConvener,
} from './members.js';
import { meetingOpen } from './rules.js';
import type { ConferenceMeetingsTable } from './tables.js';
import './messages.js';

type Trx = UnitOfWork['trx'];
type MeetingRow = Selectable<ConferenceMeetingsTable>;

const statusLabel = (actor: Actor, status: MeetingStatus) => translate(actor.locale, `conference.status.${status}`);

/** The meeting through the reader's scope, locked for a change: out of scope answers 404 like a missing one. */
export async function meetingFor(trx: Trx | Kysely<Database>, actor: Actor, id: string, lock = false) {
  let query = trx.selectFrom('conference_meetings').selectAll().where('id', '=', id).where(meetingVisibleTo(actor));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(translate(actor.locale, 'conference.meeting_entity'), id);
  return row as MeetingRow;
}

/** The lead agency's change to a meeting: scope (404), convener (403), version (409), then the meeting open. */
async function meetingToChange(uow: UnitOfWork, id: string, expectedVersion: number, at: Date, needsOpen = true) {
  const meeting = await meetingFor(uow.trx, uow.actor, id, true);
  requireConvener(uow.actor, await convenerOf(uow.trx, meeting.division_code, at), meeting.division_code);
  if (meeting.version !== expectedVersion)
    throw staleVersion(translate(uow.actor.locale, 'conference.meeting_entity'), id, meeting.version);
  if (needsOpen && !meetingOpen(meeting.status)) throw new DomainError('conference.meeting_closed', 409, {});
  return meeting;
}

async function bump(uow: UnitOfWork, meeting: MeetingRow, values: Record<string, unknown> = {}) {
  return updateVersioned<MeetingRow, Database>(uow.trx, {
    table: 'conference_meetings',
    entity: translate(uow.actor.locale, 'conference.meeting_entity'),
    id: meeting.id,
    expectedVersion: meeting.version,
    values,
  });
}

export async function createMeetingIn(uow: UnitOfWork, input: CreateMeetingInput, at: Date): Promise<string> {
  const { trx, actor } = uow;
  requireConferenceReader(actor);
  const place = await conferencePlace(trx, input.divisionCode);
  const convener = await convenerOf(trx, input.divisionCode, at);
  requireConvener(actor, convener, input.divisionCode);
  const row = await trx
    .insertInto('conference_meetings')
    .values({
      division_code: input.divisionCode,
      level: place.level,
      title: input.title,
      meets_on: input.meetsOn,
      place: input.place,
      chair: input.chair,
      convener_org_id: convener?.id ?? null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  uow.audit({ entityType: 'conference_meeting', entityId: row.id, details: { divisionCode: input.divisionCode } });
  return row.id;
}

export async function updateMeetingIn(uow: UnitOfWork, id: string, input: UpdateMeetingInput, at: Date): Promise<void> {
  const meeting = await meetingToChange(uow, id, input.expectedVersion, at);
  const values: Record<string, unknown> = {};
  if (input.title !== undefined) values.title = input.title;
  if (input.meetsOn !== undefined) values.meets_on = input.meetsOn;
  if (input.place !== undefined) values.place = input.place;
  if (input.chair !== undefined) values.chair = input.chair;
  if (input.summary !== undefined) values.summary = input.summary;
  await bump(uow, meeting, values);
  uow.audit({ entityType: 'conference_meeting', entityId: id, details: { changed: Object.keys(values) } });
}

/** planned → held → minutes approved. */
export async function stepMeetingIn(uow: UnitOfWork, id: string, input: MeetingStepInput, at: Date): Promise<void> {
  const meeting = await meetingToChange(uow, id, input.expectedVersion, at, false);
  const step = meetingSteps[input.step];
  if (meeting.status !== step.from)
    throw new DomainError('conference.meeting_status', 409, { status: statusLabel(uow.actor, meeting.status) });
  await bump(
    uow,
    meeting,
    input.step === 'hold'
      ? { status: step.to, held_at: at }
      : { status: step.to, minutes_approved_at: at, minutes_approved_by: uow.actor.userId },
  );
  uow.audit({ entityType: 'conference_meeting', entityId: id, details: { step: input.step } });
}

async function nextPosition(trx: Trx, meetingId: string): Promise<number> {
  const row = await trx
    .selectFrom('conference_agenda_items')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('last'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return row.last + 1;
}

/** Adds what escalated to the conference (as of `at`) that is not yet on the agenda; returns how many. */
export async function buildAgendaIn(uow: UnitOfWork, id: string, expectedVersion: number, at: Date): Promise<number> {
  const meeting = await meetingToChange(uow, id, expectedVersion, at);
  const proposals = await agendaProposalsIn(uow.trx, { divisionCode: meeting.division_code, level: meeting.level }, at);
  const existing = new Set(
    (
      await uow.trx
        .selectFrom('conference_agenda_items')
        .select('source_key')
        .where('meeting_id', '=', id)
        .where('source_key', 'is not', null)
        .execute()
    ).map((row) => row.source_key),
  );
  const fresh = proposals.filter((p) => !existing.has(p.key));
  let position = await nextPosition(uow.trx, id);
  if (fresh.length > 0)
    await uow.trx
      .insertInto('conference_agenda_items')
      .values(
        fresh.map((p) => ({
          meeting_id: id,
          position: position++,
          source: p.source,
          source_key: p.key,
          facts: JSON.stringify(p.facts),
          added_by: uow.actor.userId,
          added_at: at,
        })),
      )
      .execute();
  await bump(uow, meeting);
  uow.audit({ entityType: 'conference_meeting', entityId: id, details: { agendaBuilt: fresh.map((p) => p.key) } });
  return fresh.length;
}

export async function addAgendaItemIn(
  uow: UnitOfWork,
  id: string,
  input: AddAgendaItemInput,
  at: Date,
): Promise<string> {
  const meeting = await meetingToChange(uow, id, input.expectedVersion, at);
  const row = await uow.trx
    .insertInto('conference_agenda_items')
    .values({
      meeting_id: id,
      position: await nextPosition(uow.trx, id),
      source: 'free',
      title: input.title,
      detail: input.detail ?? null,
      added_by: uow.actor.userId,
      added_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bump(uow, meeting);
  uow.audit({ entityType: 'conference_meeting', entityId: id, details: { agendaItem: row.id } });
  return row.id;
}

/** Attendance per member department; a department that is not a member is refused by name. */
export async function recordAttendanceIn(uow: UnitOfWork, id: string, input: AttendanceInput, at: Date): Promise<void> {
  const meeting = await meetingToChange(uow, id, input.expectedVersion, at);
  const members = await conferenceMembersIn(uow.trx, meeting.division_code, at);
  for (const [index, entry] of input.entries.entries())
    if (!members.some((m) => m.organisationId === entry.organisationId))
      throw new DomainError(
        'conference.not_member',
        400,
        { field: 'organisationId', organisation: entry.organisationId },
        [{ path: `body.entries.${index}.organisationId`, code: 'conference.not_member' }],
      );
  for (const entry of input.entries)
    await uow.trx
      .insertInto('conference_attendance')
      .values({
        meeting_id: id,
        organisation_id: entry.organisationId,
        attendance: entry.attendance,
        delegate_name: entry.delegateName ?? null,
      })
      .onConflict((oc) =>
        oc.columns(['meeting_id', 'organisation_id']).doUpdateSet({
          attendance: entry.attendance,
          delegate_name: entry.delegateName ?? null,
        }),
      )
      .execute();
  await bump(uow, meeting);
  uow.audit({ entityType: 'conference_meeting', entityId: id, details: { attendance: input.entries.length } });
}
