import { type Kysely, sql } from 'kysely';
import type {
  ActionItemView,
  AgendaItem,
  MeetingSummary,
  MeetingView,
  Proposals,
} from '../../contract/joint-conference/views.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { meetingVisibleTo } from './access.js';
import { actionItemViews } from './action-items.js';
import { agendaProposalsIn, agendaRef, describeAgendaItem, presentProposal } from './agenda.js';
import { meetingFor } from './meetings.js';
import { conferenceMembersIn, convenerOf, isConvener, requireConferenceReader } from './members.js';
import { meetingStepsAllowed } from './rules.js';

type Db = Kysely<Database>;

async function divisionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await sql<{ code: string; name: string }>`
    SELECT code, name FROM divisions WHERE code IN (${sql.join([...new Set(codes)])})`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r.name]));
}

export async function listMeetings(
  db: Db,
  actor: Actor,
  query: { division?: string },
): Promise<{ items: MeetingSummary[] }> {
  requireConferenceReader(actor);
  let select = db
    .selectFrom('conference_meetings')
    .select((eb) => [
      'conference_meetings.id',
      'conference_meetings.division_code',
      'conference_meetings.level',
      'conference_meetings.title',
      'conference_meetings.meets_on',
      'conference_meetings.place',
      'conference_meetings.chair',
      'conference_meetings.status',
      'conference_meetings.version',
      eb
        .selectFrom('conference_agenda_items as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.meeting_id', '=', 'conference_meetings.id')
        .as('agenda_count'),
      eb
        .selectFrom('conference_action_items as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.meeting_id', '=', 'conference_meetings.id')
        .where('a.status', '=', 'open')
        .as('open_items'),
    ])
    .where(meetingVisibleTo(actor))
    .orderBy('conference_meetings.meets_on', 'desc')
    .limit(200);
  if (query.division) select = select.where('conference_meetings.division_code', '=', query.division);
  const rows = await select.execute();
  const names = await divisionNames(
    db,
    rows.map((r) => r.division_code),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      divisionCode: row.division_code,
      divisionName: names.get(row.division_code) ?? row.division_code,
      level: row.level,
      title: row.title,
      meetsOn: row.meets_on,
      place: row.place,
      chair: row.chair,
      status: row.status,
      version: row.version,
      agendaCount: row.agenda_count ?? 0,
      openActionItems: row.open_items ?? 0,
    })),
  };
}

export async function readMeeting(db: Db, actor: Actor, id: string, now = new Date()): Promise<MeetingView> {
  requireConferenceReader(actor);
  const meeting = await meetingFor(db, actor, id);
  const convener = await convenerOf(db, meeting.division_code, now);
  const mayManage = isConvener(actor, convener) && hasPermission(actor, 'conference.manage');
  const [agendaRows, attendanceRows, members, actionItems, names] = await Promise.all([
    db.selectFrom('conference_agenda_items').selectAll().where('meeting_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('conference_attendance')
      .innerJoin('organisations', 'organisations.id', 'conference_attendance.organisation_id')
      .select([
        'conference_attendance.organisation_id',
        'organisations.name',
        'conference_attendance.attendance',
        'conference_attendance.delegate_name',
      ])
      .where('meeting_id', '=', id)
      .execute(),
    conferenceMembersIn(db, meeting.division_code, now),
    actionItemViews(db, actor, { meetingId: id }, now),
    divisionNames(db, [meeting.division_code]),
  ]);
  const agenda: AgendaItem[] = agendaRows.map((row) => {
    const worded = row.source === 'free' ? null : describeAgendaItem(actor.locale, row.source, row.facts);
    return {
      id: row.id,
      position: row.position,
      source: row.source,
      title: row.title ?? worded?.title ?? '',
      detail: row.detail ?? worded?.detail ?? null,
      ref: agendaRef(row.source, row.facts),
    };
  });
  const attended = new Map(attendanceRows.map((r) => [r.organisation_id, r]));
  const attendance = [
    ...members.map((m) => ({
      organisationId: m.organisationId,
      name: m.name,
      attendance: attended.get(m.organisationId)?.attendance ?? null,
      delegateName: attended.get(m.organisationId)?.delegate_name ?? null,
    })),
    ...attendanceRows
      .filter((r) => !members.some((m) => m.organisationId === r.organisation_id))
      .map((r) => ({
        organisationId: r.organisation_id,
        name: r.name,
        attendance: r.attendance,
        delegateName: r.delegate_name,
      })),
  ];
  return {
    id: meeting.id,
    divisionCode: meeting.division_code,
    divisionName: names.get(meeting.division_code) ?? meeting.division_code,
    level: meeting.level,
    title: meeting.title,
    meetsOn: meeting.meets_on,
    place: meeting.place,
    chair: meeting.chair,
    status: meeting.status,
    version: meeting.version,
    agendaCount: agenda.length,
    openActionItems: actionItems.filter((a) => a.status === 'open').length,
    convener,
    summary: meeting.summary,
    heldAt: meeting.held_at ? meeting.held_at.toISOString() : null,
    minutesApprovedAt: meeting.minutes_approved_at ? meeting.minutes_approved_at.toISOString() : null,
    mayManage,
    allowedSteps: meetingStepsAllowed(meeting.status, mayManage),
    agenda,
    attendance,
    actionItems,
  };
}

/** What the agenda builder would add now (items already on the agenda are left out). */
export async function readProposals(db: Db, actor: Actor, id: string, now = new Date()): Promise<Proposals> {
  requireConferenceReader(actor);
  const meeting = await meetingFor(db, actor, id);
  const onAgenda = new Set(
    (
      await db
        .selectFrom('conference_agenda_items')
        .select('source_key')
        .where('meeting_id', '=', id)
        .where('source_key', 'is not', null)
        .execute()
    ).map((r) => r.source_key),
  );
  const proposals = await agendaProposalsIn(db, { divisionCode: meeting.division_code, level: meeting.level }, now);
  return {
    asOf: now.toISOString(),
    items: proposals.filter((p) => !onAgenda.has(p.key)).map((p) => presentProposal(actor.locale, p)),
  };
}

/** My department's action items, open first, soonest due first. */
export async function myActionItems(db: Db, actor: Actor, now = new Date()): Promise<{ items: ActionItemView[] }> {
  requireConferenceReader(actor);
  if (!actor.organisationId) return { items: [] };
  return { items: await actionItemViews(db, actor, { ownerOrgId: actor.organisationId }, now) };
}
